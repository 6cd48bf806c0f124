import { useQuery } from "urql";
import { graphql } from "../gql";
import { useAuth } from "./auth";

const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      nickname
      region
      mannerScore
    }
  }
`);

/** The signed-in user (null when signed out or while loading). */
export function useViewer() {
  const { token } = useAuth();
  const [result] = useQuery({ query: ViewerQuery, pause: !token });
  return { viewer: token ? (result.data?.me ?? null) : null, fetching: result.fetching, error: result.error };
}
