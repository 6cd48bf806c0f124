import { Link, useLocation } from "react-router";

/** A page that needs an account, seen signed out: say so and offer the way in (coming back here after). */
export function SignInRequired({ title }: { title: string }) {
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <section className="page" aria-labelledby="signin-required-title">
      <h1 id="signin-required-title">{title}</h1>
      <p>로그인이 필요해요.</p>
      <p>
        <Link to={`/login?next=${next}`}>로그인</Link> · <Link to={`/signup?next=${next}`}>회원가입</Link>
      </p>
    </section>
  );
}
