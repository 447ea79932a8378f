// Comments on the reference server: the form's prompts, a post that waits for review, a
// reply, and a like (the words and flows of tests/e2e/comments, replies and likes).
import assert from 'node:assert/strict';
import { open, SEED, SEED_PATH } from './common.mjs';

const BODY = 'Bình luận của bạn';
const NAME = 'Tên của bạn';
const SEND = { role: 'button', name: 'Gửi bình luận', exact: true };
const PENDING = 'đang chờ duyệt';

/** The field labelled `label`: its value and what it is described by (its error), as read aloud. */
const field = (session, label) =>
  session.eval((label) => {
    const l = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === label);
    const f = l.control;
    const said = (f.getAttribute('aria-describedby') || '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '');
    return { value: f.value, description: said.join(' ').trim(), focused: document.activeElement === f };
  }, label);

/** Some status line of the page says `text`. */
const announced = (session, text) =>
  session.waitFor((t) => [...document.querySelectorAll('[role=status]')].some((s) => s.textContent.includes(t)), text);

export async function comments(session, env) {
  await open(session, env.news + SEED_PATH);
  const name = `Độc giả ${session.name}`;

  // Only a name: the prompt for the comment, the name kept, the comment's box focused.
  await session.fill({ label: NAME }, name);
  await session.click(SEND);
  await session.waitFor(() => document.activeElement?.tagName === 'TEXTAREA');
  const body = await field(session, BODY);
  assert.equal(body.description, 'Vui lòng nhập bình luận của bạn');
  assert.equal((await field(session, NAME)).value, name);

  // A comment: it waits for review, is not shown, and the form is emptied.
  const text = `Ý kiến từ ${session.name} lúc ${Date.now()}`;
  await session.fill({ label: BODY }, text);
  await session.click(SEND);
  await announced(session, PENDING);
  assert.ok(env.newsCli('pending').includes(text), 'the server holds it for review');
  assert.equal(await session.eval((t) => document.querySelector('.na-comments').textContent.includes(t), text), false);
  assert.equal((await field(session, BODY)).value, '');

  // A reply to the first comment: its form opens under it with the focus in its box. Both
  // forms have the same labels, so its fields are named by id; Enter in the name sends it.
  await session.click({ role: 'button', name: 'Trả lời', exact: true });
  await session.waitFor(() => document.activeElement?.id === 'na-reply-body');
  const reply = `Trả lời từ ${session.name} lúc ${Date.now()}`;
  await session.fill('#na-reply-body', reply);
  await session.fill('#na-reply-name', name);
  await session.press('Enter');
  await session.waitFor((t) => document.querySelector('form[aria-label] [role=status]')?.textContent.includes(t), PENDING);
  const line = env.newsCli('pending').split('\n').find((l) => l.includes(reply));
  assert.ok(line, 'the reply waits for review');

  // A like on the first comment: the page and the server count it.
  const likes = () =>
    session.eval(() => {
      const b = document.querySelector('.na-comment-list .na-like');
      return { id: b.dataset.like, n: Number(b.querySelector('span').textContent), pressed: b.getAttribute('aria-pressed') };
    });
  const was = await likes();
  await session.click({ role: 'button', name: 'Thích' });
  await session.waitFor((n) => Number(document.querySelector('.na-comment-list .na-like span').textContent) === n, was.n + 1);
  assert.deepEqual(await likes(), { id: was.id, n: was.n + 1, pressed: 'true' });
  const served = await (await fetch(`${env.news}/api/articles/${SEED}/comments.json`, { cache: 'no-store' })).json();
  assert.equal(served.items.find((c) => c.id === was.id).likes, was.n + 1);
  assert.deepEqual(session.errors(), []);
}
