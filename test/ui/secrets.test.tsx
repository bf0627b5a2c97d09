import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderApp } from './app.js';
import { accept, answeredOtp, askingOtp, PASSWORDS, SECRET, withCredentialStore } from './fixtures.js';
import { clean, frameOf, KEY, press } from './ink.js';

afterEach(cleanup);

describe('the cookie and key_value_pairs view', () => {
  it('c toggles it in place of the logs, with echo-off answers masked wherever they appear', async () => {
    const app = await renderApp(answeredOtp(accept));
    expect(frameOf(app)).toContain('── plugin output');
    const frame = await press(app, 'c', (f) => f.includes('── cookies and key_value_pairs'));
    expect(frame).not.toContain('── plugin output');
    expect(frame).toContain('last_otp: ********');
    expect(frame).toContain('note: otp was ********');
    expect(frame).toContain('questions: {"otp":"********"}');
    expect(frame).toContain('otp: ********');
    expect(frame).toContain('gu: alice');
    await press(app, 'c', (f) => f.includes('── plugin output'));
    for (const seen of app.frames.map(clean)) expect(seen).not.toContain(SECRET);
  });

  it('masks the value of an echo-off key even when it is not the answer given', async () => {
    const v = askingOtp();
    v.key_value_pairs = { otp: '000000', gu: 'alice' };
    const app = await renderApp(v);
    const frame = await press(app, KEY.tab, (f) => f.includes('key_value_pairs'));
    expect(frame).toContain('otp: ********');
    expect(frame).not.toContain('000000');
  });

  it('at a prompt, c is part of the answer and Tab toggles', async () => {
    const app = await renderApp(askingOtp());
    await press(app, 'c', (f) => f.includes('> *'));
    expect(frameOf(app)).not.toContain('── cookies');
    await press(app, KEY.tab, (f) => f.includes('── cookies'));
    expect(frameOf(app)).toContain('step: 1');
  });
});

describe('returned credentials', () => {
  it('are masked in the timeline, logs, cookies and summary until r reveals them', async () => {
    const app = await renderApp(withCredentialStore());
    const masked = frameOf(app);
    expect(masked).toMatch(/CS get_password_list\s+2 passwords\s+55 ms\s+\*{8}, \*{8}/);
    expect(masked).toMatch(/✗ password #1 \*{8} rejected by target/);
    expect(masked).toMatch(/✓ password #2 \*{8} accepted by target/);
    expect(masked).toContain('CS │ checked out ********');
    for (const password of PASSWORDS) expect(masked).not.toContain(password);

    const revealed = await press(app, 'r', (f) => f.includes(PASSWORDS[1]!));
    expect(revealed).toContain(`${PASSWORDS[0]}, ${PASSWORDS[1]}`);
    expect(revealed).toContain(`accepted: password #2 ${PASSWORDS[1]}`);
    expect(revealed).toContain(`checked out ${PASSWORDS[0]}`);
    expect(revealed).toContain('r hide');
    // Revealing credentials never reveals an echo-off answer.
    expect(revealed).not.toContain(SECRET);

    await press(app, 'r', (f) => !f.includes(PASSWORDS[1]!));
  });

  it('are shown from the start with revealSecrets, echo-off answers still hidden', async () => {
    const app = await renderApp(withCredentialStore(), { mask: 'star', revealSecrets: true });
    const frame = frameOf(app);
    expect(frame).toContain(PASSWORDS[1]);
    expect(frame).not.toContain(SECRET);
    const state = await press(app, 'c', (f) => f.includes('checkout:'));
    expect(state).toContain(`checkout: ${PASSWORDS[1]}`);
    expect(state).toContain('last_otp: ********');
  });

  it('Ctrl-R reveals at a prompt, where r is typed into the answer', async () => {
    const v = withCredentialStore();
    const asking = { ...askingOtp(), plugins: v.plugins, transcript: v.transcript.slice(6, 10).concat(askingOtp().transcript) };
    const app = await renderApp(asking);
    await press(app, 'r', (f) => f.includes('> *'));
    expect(frameOf(app)).not.toContain(PASSWORDS[0]);
    await press(app, KEY.ctrlR, (f) => f.includes(PASSWORDS[0]!));
  });
});
