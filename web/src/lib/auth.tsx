import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Provider } from "urql";
import { makeClient, type ApiClient } from "./client";
import { readToken, writeToken } from "./session";

interface Auth {
  token: string | null;
  signIn(token: string): void;
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}

/** Holds the session's token and gives the tree a GraphQL client made for it. */
export function AuthProvider({
  children,
  clientFactory = makeClient,
}: {
  children: ReactNode;
  clientFactory?: (token: string | null, options: { onUnauthenticated(): void }) => ApiClient;
}) {
  const [token, setToken] = useState<string | null>(() => readToken());
  const signIn = useCallback((next: string) => {
    writeToken(next);
    setToken(next);
  }, []);
  const signOut = useCallback(() => {
    writeToken(null);
    setToken(null);
  }, []);
  // A token the API no longer accepts ends the session, so the pages offer to sign in again.
  const api = useMemo(() => clientFactory(token, { onUnauthenticated: signOut }), [clientFactory, token, signOut]);
  useEffect(() => () => api.dispose(), [api]);
  const auth = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return (
    <AuthContext.Provider value={auth}>
      <Provider value={api.client}>{children}</Provider>
    </AuthContext.Provider>
  );
}
