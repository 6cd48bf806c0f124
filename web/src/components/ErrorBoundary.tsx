import { Component, type ErrorInfo, type ReactNode } from "react";

interface State {
  error: Error | null;
}

/** A crash in a page shows a sentence and a way back, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: unknown }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("page crashed", error, info.componentStack);
  }

  componentDidUpdate(prev: { resetKey?: unknown }) {
    // Navigating elsewhere gives the next page a fresh start.
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  render() {
    if (this.state.error) {
      return (
        <section className="page" aria-labelledby="crash-title">
          <h1 id="crash-title">문제가 생겼어요</h1>
          <p role="alert">화면을 보여 드리는 중에 오류가 났어요. 새로고침하거나 처음 화면으로 돌아가 주세요.</p>
          <p className="error-detail">{this.state.error.message}</p>
          <p>
            <a href="/">처음 화면으로</a>
          </p>
        </section>
      );
    }
    return this.props.children;
  }
}
