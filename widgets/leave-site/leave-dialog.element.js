// <pw-leave-dialog role="alertdialog">: the leave-site prompt, created on demand
// by leave-site.element.js (leaveShowDialog) and removed when the reader answers.
// Everything it starts outside its shadow root (the document focusin listener
// that keeps focus inside, the countdown timer) stops when it leaves the page:
// a dialog a page script removes while it is open answers 放弃 and can never
// navigate afterwards.

PW.addStrings({
  'zh-Hans': {
    'leave.title': '即将离开本站',
    'leave.destination': '目标网站：',
    'leave.newWindow': '将在新窗口中打开。',
    'leave.countdown': '{seconds} 秒后自动继续访问，按任意键或点按此框可停止。',
    'leave.countdownStopped': '已停止自动继续访问，请选择。',
    'leave.continue': '继续访问',
    'leave.cancel': '放弃',
  },
  'zh-Hant': {
    'leave.title': '即將離開本站',
    'leave.destination': '目標網站：',
    'leave.newWindow': '將在新視窗中開啟。',
    'leave.countdown': '{seconds} 秒後自動繼續訪問，按任意鍵或點按此框可停止。',
    'leave.countdownStopped': '已停止自動繼續訪問，請選擇。',
    'leave.continue': '繼續訪問',
    'leave.cancel': '放棄',
  },
  en: {
    'leave.title': 'You are leaving this site',
    'leave.destination': 'Destination: ',
    'leave.newWindow': 'It opens in a new window.',
    'leave.countdown': 'Continuing automatically in {seconds} s; press any key or tap here to stop.',
    'leave.countdownStopped': 'Stopped; please choose.',
    'leave.continue': 'Continue',
    'leave.cancel': 'Stay here',
  },
});

const LEAVE_DIALOG_CSS = /* css */ `
:host { position: fixed; inset: 0; z-index: 2147483647; display: flex; align-items: center;
  justify-content: center; padding: 1rem; line-height: 1.6; font-size: max(1rem, 16px);
  color: var(--pw-leave-color, #1f2328); }
.backdrop { position: absolute; inset: 0; background: var(--pw-leave-backdrop, rgba(0, 0, 0, 0.55)); }
.panel { position: relative; width: min(30rem, 100%); max-height: 100%; overflow: auto;
  background: var(--pw-leave-background, #fff); border-radius: var(--pw-leave-radius, 8px);
  border-top: 4px solid var(--pw-leave-accent, #b3261e); padding: 1.25rem 1.5rem;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.35); }
h2 { margin: 0 0 0.5rem; font-size: 1.25em; line-height: 1.4; }
p { margin: 0 0 0.75rem; overflow-wrap: anywhere; }
.host { font-weight: bold; }
.ascii { font-family: ui-monospace, monospace; }
.buttons { display: flex; flex-wrap: wrap; gap: 0.75rem; justify-content: flex-end; margin-top: 1rem; }
button { min-width: 44px; min-height: 44px; padding: 0.5rem 1.25rem; border-radius: 6px; font-size: 1em;
  border: 2px solid var(--pw-leave-accent, #b3261e); }
.continue { background: var(--pw-leave-accent, #b3261e); color: var(--pw-leave-accent-text, #fff); }
.cancel { background: var(--pw-leave-background, #fff); color: var(--pw-leave-accent, #b3261e); }
@media (forced-colors: active) {
  .panel { border: 2px solid CanvasText; }
  button { border: 2px solid ButtonText; }
}
`;

class LeaveDialog extends PW.BaseElement {
  static get css() { return LEAVE_DIALOG_CSS; }

  mount() {}

  /** Shows the request; resolves true (继续访问) or false (放弃, Esc, or the dialog removed). */
  open(request) {
    const t = (key, vars) => PW.t(key, vars);
    const message = PW.core.call('pw_leave_format_message', request.message, request.siteName, request.host).text;
    this.setAttribute('role', 'alertdialog');
    this.setAttribute('aria-modal', 'true');
    this.setAttribute('aria-label', t('leave.title'));
    const hostText = request.host + (request.ascii ? ` (${request.ascii})` : '');
    this.setAttribute('aria-description', `${message} ${t('leave.destination')}${hostText}`);
    this._returnFocus = request.returnFocus;

    const continueButton = PW.h('button', { type: 'button', class: 'continue', part: 'button continue' }, t('leave.continue'));
    const cancelButton = PW.h('button', { type: 'button', class: 'cancel', part: 'button cancel' }, t('leave.cancel'));
    const countdown = request.countdown > 0
      ? PW.h('p', { class: 'countdown', part: 'countdown' }, t('leave.countdown', { seconds: request.countdown }))
      : null;
    this.render(
      PW.h('div', { class: 'backdrop', part: 'backdrop' }),
      PW.h('div', { class: 'panel', part: 'dialog' },
        PW.h('h2', { part: 'title' }, t('leave.title')),
        PW.h('p', { class: 'message', part: 'message' }, message),
        PW.h('p', { class: 'destination', part: 'destination' }, t('leave.destination'),
          PW.h('span', { class: 'host', dir: 'ltr' }, request.host),
          request.ascii ? [' (', PW.h('span', { class: 'ascii', dir: 'ltr' }, request.ascii), ')'] : null),
        request.newWindow ? PW.h('p', { class: 'note' }, t('leave.newWindow')) : null,
        countdown,
        PW.h('div', { class: 'buttons' }, continueButton, cancelButton)));
    this._buttons = [continueButton, cancelButton];

    return new Promise((resolve) => {
      this._resolve = resolve;
      if (!this.isConnected) {  // removed before it could open: nothing to start
        this.close(false);
        return;
      }
      continueButton.addEventListener('click', () => this.close(true));
      cancelButton.addEventListener('click', () => this.close(false));
      this.shadowRoot.addEventListener('keydown', (event) => this._onKeydown(event));
      // Focus stays in the dialog while it is open (aria-modal alone does not keep it).
      this.listen(document, 'focusin', (event) => {
        if (!event.composedPath().includes(this)) cancelButton.focus();
      }, true);
      if (countdown) {
        // Readers who need more time stop it with any key or touch (WCAG 2.2.1).
        let left = request.countdown;
        this._timer = setInterval(() => {
          left -= 1;
          if (left <= 0) this.close(true);
          else countdown.textContent = t('leave.countdown', { seconds: left });
        }, 1000);
        this._stopCountdown = () => {
          if (!this._timer) return;
          this._clearTimer();
          countdown.textContent = t('leave.countdownStopped');
        };
        this.shadowRoot.addEventListener('pointerdown', this._stopCountdown);
      }
      cancelButton.focus();
      this.settle();
    });
  }

  /**
   * The dialog left the page while it was open (a page script removed it, or
   * its frame went away): the focusin listener is gone (BaseElement.listen),
   * the countdown stops, and the open request is answered 放弃, so the link is
   * never followed.
   */
  unmount() {
    this._clearTimer();
    if (!this._resolve) return;
    const resolve = this._resolve;
    this._resolve = null;
    resolve(false);
  }

  _clearTimer() {
    if (this._timer) clearInterval(this._timer);
    this._timer = 0;
  }

  _onKeydown(event) {
    if (this._stopCountdown && event.key !== 'Enter' && event.key !== ' ') this._stopCountdown();
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close(false);
    } else if (event.key === 'Tab') {
      const [first, last] = this._buttons;
      const active = this.shadowRoot.activeElement;
      if (event.shiftKey && active === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  /** Closes with the reader's answer; focus returns to the link or select. */
  close(answer) {
    if (!this._resolve) return;
    this._clearTimer();
    const resolve = this._resolve;
    this._resolve = null;
    this.remove();  // disconnectedCallback removes the focusin listener
    const back = this._returnFocus;
    if (back && back.isConnected && typeof back.focus === 'function') {
      try { back.focus({ preventScroll: true }); } catch (e) { /* detached */ }
    }
    resolve(answer);
  }
}

PW.defineElement('pw-leave-dialog', LeaveDialog);
