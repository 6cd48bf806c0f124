import type { ReactNode } from "react";
import { Link, NavLink, useNavigate } from "react-router";
import { useAuth } from "../lib/auth";
import { useViewer } from "../lib/viewer";

/** Banner, main navigation and the page. The header keeps a slot for notifications (to come). */
export function Layout({ children }: { children: ReactNode }) {
  const { token, signOut } = useAuth();
  const { viewer } = useViewer();
  const navigate = useNavigate();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        본문으로 건너뛰기
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          감자마켓
        </Link>
        {/* Notifications will live here (issue to come); the space is kept so the header does not move. */}
        <div className="header-slot" data-slot="notifications" />
        <div className="account">
          {token ? (
            <>
              {viewer ? <span className="account-name">{viewer.nickname}님</span> : null}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  signOut();
                  navigate("/");
                }}
              >
                로그아웃
              </button>
            </>
          ) : (
            <>
              <Link to="/login">로그인</Link>
              <Link to="/signup">회원가입</Link>
            </>
          )}
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
      <nav className="tab-bar" aria-label="주 메뉴">
        <NavLink to="/" end>
          홈
        </NavLink>
        <NavLink to="/search">검색</NavLink>
        <NavLink to="/sell">판매하기</NavLink>
        <NavLink to="/me/items">나의 판매내역</NavLink>
        <NavLink to="/chats">채팅</NavLink>
      </nav>
    </div>
  );
}
