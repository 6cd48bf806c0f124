import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <section className="page" aria-labelledby="notfound-title">
      <h1 id="notfound-title">페이지를 찾을 수 없어요</h1>
      <p>주소가 바뀌었거나 없는 페이지예요.</p>
      <p>
        <Link to="/">처음 화면으로</Link>
      </p>
    </section>
  );
}
