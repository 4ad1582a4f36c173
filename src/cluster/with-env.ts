/**
 * Runs `command` with this process's environment plus `variables`, through env(1): only src/config reads
 * `process.env`, and tools like go and apt-get need the inherited environment (PATH, HOME, GOPATH...).
 */
export function withEnv(variables: Record<string, string>, command: string, args: readonly string[]) {
  return {
    command: 'env',
    args: [...Object.entries(variables).map(([name, value]) => `${name}=${value}`), command, ...args],
  };
}
