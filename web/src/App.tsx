import { lazy, Suspense } from "react";
import { Route, Routes, useLocation } from "react-router";
import { Layout } from "./components/Layout";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { FeedPage } from "./pages/FeedPage";
import { NotFoundPage } from "./pages/NotFoundPage";

// The feed is the first page and ships in the entry chunk; the others load when visited.
const LoginPage = lazy(() => import("./pages/AuthPages").then((m) => ({ default: m.LoginPage })));
const SignupPage = lazy(() => import("./pages/AuthPages").then((m) => ({ default: m.SignupPage })));
const SearchPage = lazy(() => import("./pages/SearchPage").then((m) => ({ default: m.SearchPage })));
const ItemPage = lazy(() => import("./pages/ItemPage").then((m) => ({ default: m.ItemPage })));
const SellPage = lazy(() => import("./pages/SellPage").then((m) => ({ default: m.SellPage })));
const MyItemsPage = lazy(() => import("./pages/MyItemsPage").then((m) => ({ default: m.MyItemsPage })));
const ChatListPage = lazy(() => import("./pages/ChatListPage").then((m) => ({ default: m.ChatListPage })));
const ChatRoomPage = lazy(() => import("./pages/ChatRoomPage").then((m) => ({ default: m.ChatRoomPage })));

export function AppRoutes() {
  const location = useLocation();
  return (
    <Layout>
      <ErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<p aria-busy="true">불러오는 중…</p>}>
          <Routes>
            <Route path="/" element={<FeedPage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/items/:id" element={<ItemPage />} />
            <Route path="/items/:id/edit" element={<SellPage />} />
            <Route path="/sell" element={<SellPage />} />
            <Route path="/me/items" element={<MyItemsPage />} />
            <Route path="/chats" element={<ChatListPage />} />
            <Route path="/chats/:id" element={<ChatRoomPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/signup" element={<SignupPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </Layout>
  );
}
