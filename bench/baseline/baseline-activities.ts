/** The baseline's only activity: does nothing but say when it ran, which gives the baseline's makespan. */
export const baselineActivities = {
  noop(): Promise<string> {
    return Promise.resolve(new Date().toISOString());
  },
};
