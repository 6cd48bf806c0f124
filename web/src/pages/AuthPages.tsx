import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { useAuth } from "../lib/auth";
import { fieldErrors } from "../lib/errors";

const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user {
        id
        nickname
        region
      }
    }
  }
`);

const LogInMutation = graphql(`
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      token
      user {
        id
        nickname
      }
    }
  }
`);

/** Where to go after signing in: `?next=/path` (same-site paths only), else the feed. */
function useNext(): string {
  const [params] = useSearchParams();
  const next = params.get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginPage() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [result, logIn] = useMutation(LogInMutation);
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const next = useNext();
  const { byField, general } = fieldErrors(result.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await logIn({ email, password });
    if (answer.data?.logIn) {
      signIn(answer.data.logIn.token);
      navigate(next);
    }
  };
  return (
    <section className="page narrow" aria-labelledby="login-title">
      <h1 id="login-title">로그인</h1>
      <form onSubmit={submit} noValidate>
        <Field label="이메일" type="email" name="email" autoComplete="email" required value={email}
          onChange={(e) => setEmail(e.target.value)} error={byField.email} />
        <Field label="비밀번호" type="password" name="password" autoComplete="current-password" required
          value={password} onChange={(e) => setPassword(e.target.value)} error={byField.password} />
        <ErrorMessage errors={general} />
        <button type="submit" className="primary" disabled={result.fetching}>
          로그인
        </button>
      </form>
      <p>
        처음이신가요? <Link to="/signup">회원가입</Link>
      </p>
    </section>
  );
}

export function SignupPage() {
  const [input, setInput] = useState({ email: "", password: "", nickname: "", region: "" });
  const [result, signUp] = useMutation(SignUpMutation);
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const next = useNext();
  const { byField, general } = fieldErrors(result.error);
  const set = (name: keyof typeof input) => (e: { target: { value: string } }) =>
    setInput({ ...input, [name]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await signUp({ input });
    if (answer.data?.signUp) {
      signIn(answer.data.signUp.token);
      navigate(next);
    }
  };
  return (
    <section className="page narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">회원가입</h1>
      <form onSubmit={submit} noValidate>
        <Field label="이메일" type="email" name="email" autoComplete="email" required value={input.email}
          onChange={set("email")} error={byField.email} />
        <Field label="비밀번호" type="password" name="password" autoComplete="new-password" required
          hint="8자 이상, 이메일과 다르게" value={input.password} onChange={set("password")} error={byField.password} />
        <Field label="닉네임" name="nickname" autoComplete="nickname" required hint="2~20자"
          value={input.nickname} onChange={set("nickname")} error={byField.nickname} />
        <Field label="동네" name="region" required hint="예: 서울 마포구 망원동" value={input.region}
          onChange={set("region")} error={byField.region} />
        <ErrorMessage errors={general} />
        <button type="submit" className="primary" disabled={result.fetching}>
          가입하기
        </button>
      </form>
      <p>
        이미 계정이 있나요? <Link to="/login">로그인</Link>
      </p>
    </section>
  );
}
