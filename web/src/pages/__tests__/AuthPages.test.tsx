import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { connection, fakeApi, renderApp, user } from "../../test/render";

const feed = {
  Categories: () => ({ data: { categories: [] } }),
  FeedItems: () => ({ data: { items: connection("ItemConnection", []) } }),
  Viewer: () => ({ data: { me: user({ id: "u9", nickname: "새감자" }) } }),
};

describe("회원가입과 로그인", () => {
  it("signs up with the four labelled fields, keeps the token for the session and sends it as a Bearer", async () => {
    const api = fakeApi({
      ...feed,
      SignUp: () => ({
        data: { signUp: { __typename: "AuthPayload", token: "tok-1", user: user({ id: "u9", nickname: "새감자" }) } },
      }),
    });
    renderApp("/signup", api);
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText("이메일"), "new@example.com");
    await u.type(screen.getByLabelText("비밀번호"), "long-enough-1");
    await u.type(screen.getByLabelText("닉네임"), "새감자");
    await u.type(screen.getByLabelText("동네"), "서울 마포구 망원동");
    await u.click(screen.getByRole("button", { name: "가입하기" }));
    expect(await screen.findByRole("button", { name: "로그아웃" })).toBeInTheDocument();
    expect(api.calls("SignUp")[0].variables).toEqual({
      input: { email: "new@example.com", password: "long-enough-1", nickname: "새감자", region: "서울 마포구 망원동" },
    });
    expect(sessionStorage.getItem("gamja.token")).toBe("tok-1");
    await waitFor(() => expect(api.calls("Viewer").at(-1)?.authorization).toBe("Bearer tok-1"));
    expect(await screen.findByText("새감자님")).toBeInTheDocument();
    // The socket for subscriptions gets the token in its connection_init payload.
    expect(api.connectionParams.at(-1)).toEqual({ Authorization: "Bearer tok-1" });
  });

  it("shows a server error at its field (extensions.field), in Korean with the server's reason", async () => {
    const api = fakeApi({
      ...feed,
      SignUp: () => ({
        errors: [
          {
            message: "The nickname `감자` is taken; choose another.",
            extensions: { code: "CONFLICT", field: "nickname" },
          },
        ],
      }),
    });
    renderApp("/signup", api);
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText("닉네임"), "감자");
    await u.click(screen.getByRole("button", { name: "가입하기" }));
    const nickname = screen.getByLabelText("닉네임");
    await waitFor(() => expect(nickname).toHaveAttribute("aria-invalid", "true"));
    expect(nickname).toHaveAccessibleDescription(/이미 쓰이고 있어요.*taken/);
    expect(screen.getByLabelText("이메일")).not.toHaveAttribute("aria-invalid");
  });

  it("logs in, and signing out forgets the token", async () => {
    const api = fakeApi({
      ...feed,
      LogIn: () => ({ data: { logIn: { __typename: "AuthPayload", token: "tok-2", user: user() } } }),
    });
    renderApp("/login", api);
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText("이메일"), "potato@example.com");
    await u.type(screen.getByLabelText("비밀번호"), "gamja-demo-1234");
    await u.click(screen.getByRole("button", { name: "로그인" }));
    await u.click(await screen.findByRole("button", { name: "로그아웃" }));
    expect(sessionStorage.getItem("gamja.token")).toBeNull();
    expect(await screen.findByRole("link", { name: "로그인" })).toBeInTheDocument();
  });

  it("says a throttled log-in in words, with the wait", async () => {
    const api = fakeApi({
      ...feed,
      LogIn: () => ({
        errors: [{ message: "Too many failed log-ins; wait.", extensions: { code: "TOO_MANY_REQUESTS", retryAfter: 42 } }],
      }),
    });
    renderApp("/login", api);
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText("이메일"), "potato@example.com");
    await u.type(screen.getByLabelText("비밀번호"), "wrong-password");
    await u.click(screen.getByRole("button", { name: "로그인" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("요청이 너무 많아요. 42초 뒤에 다시 시도해 주세요.");
  });

  it("ends the session when the API refuses the token, and offers to sign in again", async () => {
    const refused = () => ({ errors: [{ message: "The token has expired.", extensions: { code: "UNAUTHENTICATED" } }] });
    const api = fakeApi({ ...feed, Viewer: refused, MyItems: refused, MyChatRoomsForSale: refused });
    renderApp("/me/items", api, "stale-token");
    await waitFor(() => expect(sessionStorage.getItem("gamja.token")).toBeNull());
    expect(await screen.findByText("로그인이 필요해요.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "로그아웃" })).not.toBeInTheDocument();
  });
});
