// Asks for the API token in a modal form (not window.prompt, which cannot mask the input). Calls that meet a 401
// at the same moment share one question.

export class TokenDialog {
  #dialog;
  #form;
  #pending = null;

  constructor(dialog) {
    this.#dialog = dialog;
    this.#form = dialog.querySelector('form');
  }

  /**
   * Resolves with the token typed in, or null when the form was dismissed (Escape): the page asks again at its next
   * check. `refused` says that the previous token was refused.
   */
  ask({ refused }) {
    this.#pending ??= new Promise((resolve) => {
      this.#dialog.querySelector('#token-refused').hidden = !refused;
      const input = this.#form.elements.namedItem('token');
      input.value = '';
      let token = null;
      const submitted = (event) => {
        event.preventDefault();
        if (input.value.trim() === '') return;
        token = input.value.trim();
        this.#dialog.close();
      };
      this.#form.addEventListener('submit', submitted);
      this.#dialog.addEventListener(
        'close',
        () => {
          this.#form.removeEventListener('submit', submitted);
          this.#pending = null;
          resolve(token);
        },
        { once: true },
      );
      this.#dialog.showModal();
      input.focus();
    });
    return this.#pending;
  }
}
