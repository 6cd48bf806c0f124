/** The sign-in token, kept for the browser session only (sessionStorage), never in localStorage. */
const KEY = "gamja.token";

export function readToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null; // storage refused (private mode): signed out
  }
}

export function writeToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Without storage the token lives in memory for this page only (AuthProvider's state).
  }
}
