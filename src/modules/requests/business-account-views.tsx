/**
 * Views of business accounts (issue 5): the business's users and open invitations with the form
 * to invite a colleague, and the public activation page of a one-time link.
 */
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, type PageEnv } from '../../web/layout.js';
import type { listBusinessAccount, readInvitation } from './business-accounts.js';
import { BusinessLinks, Notice, type PageError, type Values } from './business-views.js';
import { TextField } from './public-fields.js';

type Account = Awaited<ReturnType<typeof listBusinessAccount>>;
type Invitation = Awaited<ReturnType<typeof readInvitation>>;

export function BusinessAccountPage(p: { env: PageEnv; account: Account; errors: PageError[]; values: Values; notice?: string }) {
  const { env, account: a } = p;
  const err = (f: string) => p.errors.find((e) => e.field === f)?.message;
  return (
    <Layout env={env} title="Người dùng của doanh nghiệp">
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <BusinessLinks />
      <p>
        {a.businessName ? `${a.businessName}, mã` : 'Mã'} số thuế <strong>{a.taxCode}</strong>. Mỗi người dùng dưới đây xem và trả lời được
        mọi hồ sơ chuyển đến doanh nghiệp.
      </p>
      <div class="table-wrap">
        <table>
          <caption class="hint">{a.users.length} người dùng</caption>
          <thead>
            <tr>
              <th scope="col">Họ và tên</th>
              <th scope="col">Tên đăng nhập</th>
              <th scope="col">Đăng nhập gần nhất</th>
            </tr>
          </thead>
          <tbody>
            {a.users.map((u) => (
              <tr>
                <th scope="row">
                  {u.displayName}
                  {u.you ? <span class="hint"> (bạn)</span> : null}
                  {u.active ? null : <span class="tag warn">Đã khóa</span>}
                </th>
                <td>{u.username}</td>
                <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Chưa đăng nhập'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {a.invitations.length > 0 ? (
        <>
          <h2>Thư mời chưa dùng</h2>
          <ul>
            {a.invitations.map((i) => (
              <li>
                {i.email}{' '}
                <span class="hint">
                  (gửi ngày {formatDate(i.createdAt)}, hết hạn sau ngày {formatDate(i.expiresAt)})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 id="invite">Mời đồng nghiệp</h2>
      <form method="post" action="/doanh-nghiep/nguoi-dung/moi" novalidate class="rq-form">
        <CsrfField env={env} />
        <TextField
          id="email"
          type="email"
          label="Địa chỉ email của đồng nghiệp"
          hint="Người nhận được một đường dẫn dùng một lần, hết hạn sau 7 ngày, để tự đặt tên hiển thị và mật khẩu."
          value={p.values.email ?? ''}
          autocomplete="off"
          spellcheck={false}
          error={err('email')}
        />
        <div class="rq-buttons">
          <button type="submit">Gửi thư mời</button>
        </div>
      </form>
    </Layout>
  );
}

function PasswordField(p: { id: string; label: string; hint: string; error?: string | undefined }) {
  const described = [`${p.id}-hint`, p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'rq-group rq-group-error' : 'rq-group'}>
      <label for={p.id}>{p.label}</label>
      <p class="hint" id={`${p.id}-hint`}>
        {p.hint}
      </p>
      {p.error ? (
        <p class="field-error" id={`${p.id}-error`}>
          {p.error}
        </p>
      ) : null}
      <input
        type="password"
        id={p.id}
        name={p.id}
        value=""
        autocomplete="new-password"
        aria-describedby={described}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  );
}

export function ActivationPage(p: { env: PageEnv; token: string; invitation: Invitation; errors: PageError[]; values: Values }) {
  const { env, invitation: i } = p;
  const err = (f: string) => p.errors.find((e) => e.field === f)?.message;
  return (
    <Layout env={env} title="Kích hoạt tài khoản doanh nghiệp">
      <ErrorSummary env={env} errors={p.errors} />
      <dl class="summary">
        <dt>Doanh nghiệp</dt>
        <dd>{i.businessName ?? 'Chưa rõ tên'}</dd>
        <dt>Mã số thuế</dt>
        <dd>{i.taxCode}</dd>
        <dt>Email</dt>
        <dd>{i.email}</dd>
        <dt>Đường dẫn hết hạn</dt>
        <dd>sau ngày {formatDate(i.expiresAt)}</dd>
      </dl>
      <p>Tài khoản dùng để xem và trả lời các hồ sơ của người tiêu dùng mà cơ quan chuyển đến doanh nghiệp.</p>
      <form method="post" action="/doanh-nghiep/kich-hoat" novalidate class="rq-form">
        <CsrfField env={env} />
        <input type="hidden" name="token" value={p.token} />
        <TextField
          id="displayName"
          label="Họ và tên"
          hint="Hiển thị cho cơ quan và người tiêu dùng khi bạn trả lời."
          value={p.values.displayName ?? ''}
          autocomplete="name"
          error={err('displayName')}
        />
        <TextField
          id="username"
          label="Tên đăng nhập"
          hint="Chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới."
          value={p.values.username ?? i.suggestedUsername}
          autocomplete="username"
          spellcheck={false}
          width="rq-w-20"
          error={err('username')}
        />
        <PasswordField id="password" label="Mật khẩu" hint="Ít nhất 10 ký tự." error={err('password')} />
        <div class="rq-buttons">
          <button type="submit">Tạo tài khoản</button>
        </div>
      </form>
    </Layout>
  );
}

export function ActivationMessagePage(p: { env: PageEnv; title: string; message: string; login?: boolean }) {
  return (
    <Layout env={p.env} title={p.title}>
      <p>{p.message}</p>
      {p.login ? (
        <p>
          <a class="button" href="/login?next=%2Fdoanh-nghiep">
            Đăng nhập
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
