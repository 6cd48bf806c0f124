import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { SignInRequired } from "../components/SignInRequired";
import { useAuth } from "../lib/auth";
import { fieldErrors, type ShownError } from "../lib/errors";
import { useViewer } from "../lib/viewer";

const CreateItemMutation = graphql(`
  mutation CreateItem($input: CreateItemInput!) {
    createItem(input: $input) {
      id
    }
  }
`);

const UpdateItemMutation = graphql(`
  mutation UpdateItem($id: ID!, $input: UpdateItemInput!) {
    updateItem(id: $id, input: $input) {
      id
      title
      description
      price
      category
      region
      updatedAt
    }
  }
`);

const EditItemQuery = graphql(`
  query EditItem($id: ID!) {
    item(id: $id) {
      id
      title
      description
      price
      category
      region
      seller {
        id
      }
    }
    categories
  }
`);

const SellCategoriesQuery = graphql(`
  query SellCategories {
    categories
  }
`);

interface Draft {
  title: string;
  description: string;
  price: string;
  category: string;
  region: string;
}

/** 내 물건 팔기 (/sell) and 수정 (/items/:id/edit): one form; the server's `field` errors show at the field. */
export function SellPage() {
  const { token } = useAuth();
  const { id } = useParams();
  if (!token) return <SignInRequired title={id ? "물건 수정" : "내 물건 팔기"} />;
  return id ? <EditItem id={id} /> : <NewItem />;
}

function NewItem() {
  const { viewer } = useViewer();
  const [categories] = useQuery({ query: SellCategoriesQuery });
  const [result, create] = useMutation(CreateItemMutation);
  const navigate = useNavigate();
  if (!viewer || !categories.data) {
    return <Loading error={categories.error} title="내 물건 팔기" />;
  }
  return (
    <ItemForm
      title="내 물건 팔기"
      submitLabel="등록하기"
      categories={categories.data.categories}
      initial={{ title: "", description: "", price: "", category: "", region: viewer.region }}
      busy={result.fetching}
      serverErrors={fieldErrors(result.error)}
      onSubmit={async (input) => {
        const answer = await create({ input });
        if (answer.data?.createItem) navigate(`/items/${answer.data.createItem.id}`, { state: { fresh: true } });
      }}
    />
  );
}

function EditItem({ id }: { id: string }) {
  const [query] = useQuery({ query: EditItemQuery, variables: { id } });
  const { viewer } = useViewer();
  const [result, update] = useMutation(UpdateItemMutation);
  const navigate = useNavigate();
  const item = query.data?.item;
  if (!item || !query.data) {
    if (query.data && !item) {
      return (
        <section className="page" aria-labelledby="sell-title">
          <h1 id="sell-title">없는 물건이에요</h1>
          <Link to="/me/items">나의 판매내역으로</Link>
        </section>
      );
    }
    return <Loading error={query.error} title="물건 수정" />;
  }
  if (viewer && viewer.id !== item.seller.id) {
    return (
      <section className="page" aria-labelledby="sell-title">
        <h1 id="sell-title">물건 수정</h1>
        <p role="alert">판매자만 물건을 수정할 수 있어요.</p>
      </section>
    );
  }
  const initial: Draft = { ...item, price: String(item.price) };
  return (
    <ItemForm
      title="물건 수정"
      submitLabel="수정 완료"
      categories={query.data.categories}
      initial={initial}
      busy={result.fetching}
      serverErrors={fieldErrors(result.error)}
      onSubmit={async (input) => {
        // Only what changed: UpdateItemInput leaves out the rest.
        const changed = Object.fromEntries(
          Object.entries(input).filter(([name, value]) => value !== (item as Record<string, unknown>)[name]),
        );
        const answer = await update({ id, input: changed });
        if (answer.data?.updateItem) navigate(`/items/${id}`);
      }}
    />
  );
}

function Loading({ error, title }: { error: Parameters<typeof ErrorMessage>[0]["error"]; title: string }) {
  return (
    <section className="page" aria-labelledby="sell-title">
      <h1 id="sell-title">{title}</h1>
      {error ? <ErrorMessage error={error} /> : <p aria-busy="true">불러오는 중…</p>}
    </section>
  );
}

function ItemForm(props: {
  title: string;
  submitLabel: string;
  categories: string[];
  initial: Draft;
  busy: boolean;
  serverErrors: { byField: Record<string, string>; general: ShownError[] };
  onSubmit(input: { title: string; description: string; price: number; category: string; region: string }): void;
}) {
  const [draft, setDraft] = useState(props.initial);
  const [priceError, setPriceError] = useState<string | null>(null);
  const set = (name: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value });
  const { byField, general } = props.serverErrors;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const price = Number(draft.price.replaceAll(",", "").trim());
    if (draft.price.trim() === "" || !Number.isInteger(price)) {
      setPriceError("가격을 숫자로 넣어 주세요. 나눔이면 0을 넣어 주세요.");
      return;
    }
    setPriceError(null);
    props.onSubmit({ ...draft, price });
  };
  return (
    <section className="page narrow" aria-labelledby="sell-title">
      <h1 id="sell-title">{props.title}</h1>
      <form onSubmit={submit} noValidate>
        <Field label="제목" name="title" required maxLength={100} value={draft.title} onChange={set("title")} error={byField.title} />
        <Field
          label="카테고리"
          error={byField.category}
          control={(wiring) => (
            <select {...wiring} name="category" required value={draft.category} onChange={set("category")}>
              <option value="">카테고리를 고르세요</option>
              {props.categories.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        />
        <Field
          label="가격"
          name="price"
          inputMode="numeric"
          required
          hint="원 단위 숫자. 0원이면 나눔이에요."
          value={draft.price}
          onChange={set("price")}
          error={priceError ?? byField.price}
        />
        <Field
          label="자세한 설명"
          error={byField.description}
          control={(wiring) => (
            <textarea {...wiring} name="description" rows={6} maxLength={2000} value={draft.description} onChange={set("description")} />
          )}
        />
        <Field label="동네" name="region" required hint="예: 서울 마포구 망원동" value={draft.region} onChange={set("region")} error={byField.region} />
        <ErrorMessage errors={general} />
        <button type="submit" className="primary" disabled={props.busy}>
          {props.submitLabel}
        </button>
      </form>
    </section>
  );
}
