/**
 * API keys: create one (name, scopes, optional expiry day), see the new key once with a Copy
 * button and a warning that it will not be shown again, and the list — name, prefix, scopes,
 * created, last used, expiry (expired ones marked) — with Revoke behind a confirmation. Links to
 * the public API documentation. Keys are managed with the dashboard session only.
 */
import { useId, useState } from "react";
import { Link } from "../../router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiKey, ApiKeyScope, CreatedApiKey } from "../../../../worker/shared/contracts";
import { accountApi } from "../../api/account";
import { describeError, type ErrorOverrides } from "../../api/error-messages";
import { queryKeys } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { localizePath } from "../../i18n/routing";
import type { MessageKey } from "../../i18n/translate";
import { API_KEY_NAME_MAX, API_KEY_SCOPES, MAX_ACTIVE_API_KEYS, SCOPE_LABELS, activeKeyCount, createKeyProblem, createKeyRequest, keyState, localDay, type CreateKeyProblem } from "../../lib/api-keys";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { CopyButton } from "../../components/copy-button";
import { KeyIcon } from "../../components/account-icons";
import { AlertIcon, ArrowRightIcon } from "../../components/icons";
import { QueryErrorNotice } from "../../components/query-error";
import { Badge, Button, Card, ErrorNotice, PageHeader, buttonClass } from "../../components/ui";

const CREATE_ERRORS: ErrorOverrides = { limit_reached: "apiKeys.limitReached" };

const PROBLEM_KEYS: Record<CreateKeyProblem, MessageKey> = {
  no_name: "apiKeys.problem.noName",
  name_too_long: "apiKeys.problem.nameTooLong",
  no_scopes: "apiKeys.problem.noScopes",
  bad_expiry: "apiKeys.problem.badExpiry",
  expiry_past: "apiKeys.problem.expiryPast",
};

function CreateKeyForm({ full, limit, onCreated }: { full: boolean; limit: number; onCreated: (key: CreatedApiKey) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const queryClient = useQueryClient();
  const ids = { name: useId(), expiry: useId(), expiryHelp: useId(), problem: useId() };
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>([...API_KEY_SCOPES]);
  const [expiresOn, setExpiresOn] = useState("");
  const now = Date.now();
  const problem = createKeyProblem({ name, scopes, expiresOn }, now);
  const create = useMutation({
    mutationFn: () => accountApi.createApiKey(createKeyRequest({ name, scopes, expiresOn })),
    onSuccess: (key) => {
      setName("");
      setScopes([...API_KEY_SCOPES]);
      setExpiresOn("");
      onCreated(key);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
  const createError = create.isError ? describeError(create.error, i18n, CREATE_ERRORS) : null;
  // The name starts empty: say what is missing only once something was typed or chosen.
  const showProblem = problem !== null && (name !== "" || problem !== "no_name");

  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">{t("apiKeys.createTitle")}</h2>
      <form
        className="mt-4 space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (problem === null && !full && !create.isPending) create.mutate();
        }}
      >
        <div>
          <label htmlFor={ids.name} className="block text-sm font-medium text-slate-800">
            {t("apiKeys.name")}
          </label>
          <input
            id={ids.name}
            type="text"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder={t("apiKeys.namePlaceholder")}
            className="mt-1.5 block h-11 w-full rounded-xl border border-slate-300 bg-white px-3 text-slate-900 placeholder:text-slate-400 sm:max-w-md"
          />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t("apiKeys.scopes")}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {API_KEY_SCOPES.map((scope) => (
              <label key={scope} className="flex cursor-pointer items-start gap-3 rounded-xl border border-slate-200 p-3 has-checked:border-rose-300 has-checked:bg-rose-50/50">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(event) => setScopes((current) => (event.target.checked ? [...current, scope] : current.filter((value) => value !== scope)))}
                  className="mt-0.5 size-4 shrink-0 accent-rose-600"
                />
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-slate-900">
                    {t(SCOPE_LABELS[scope].label)} <code className="ml-1 rounded bg-slate-100 px-1 py-0.5 font-mono text-xs font-normal text-slate-600">{scope}</code>
                  </span>
                  <span className="mt-0.5 block text-xs text-slate-500">{t(SCOPE_LABELS[scope].help)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor={ids.expiry} className="block text-sm font-medium text-slate-800">
            {t("apiKeys.expiry")} <span className="font-normal text-slate-500">({t("common.optional")})</span>
          </label>
          <input
            id={ids.expiry}
            type="date"
            value={expiresOn}
            min={localDay(new Date(now))}
            onChange={(event) => setExpiresOn(event.target.value)}
            aria-describedby={ids.expiryHelp}
            className="mt-1.5 block h-11 w-full rounded-xl border border-slate-300 bg-white px-3 text-slate-900 sm:w-56"
          />
          <p id={ids.expiryHelp} className="mt-1.5 text-xs text-slate-500">
            {t("apiKeys.expiryHelp")}
          </p>
        </div>
        {createError !== null && <ErrorNotice message={createError.message} reference={createError.reference} referenceLabel={t("common.reference")} />}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" busy={create.isPending} disabled={problem !== null || full} aria-describedby={showProblem || full ? ids.problem : undefined}>
            <KeyIcon className="size-4" />
            {t("apiKeys.create")}
          </Button>
          {(showProblem || full) && (
            <p id={ids.problem} className="text-sm text-amber-800" data-testid="key-form-problem">
              {full ? t("apiKeys.limitReached", { limit }) : problem === null ? "" : t(PROBLEM_KEYS[problem], { max: API_KEY_NAME_MAX })}
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}

function NewKeyPanel({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <section role="status" aria-labelledby="new-key-title" className="rounded-2xl border border-emerald-300 bg-emerald-50 p-4 shadow-sm sm:p-6" data-testid="new-key">
      <h2 id="new-key-title" className="text-base font-semibold text-emerald-950">
        {t("apiKeys.createdTitle", { name: created.name })}
      </h2>
      <p className="mt-2 flex items-start gap-2 text-sm font-medium text-amber-900">
        <AlertIcon className="mt-0.5 size-4 shrink-0 text-amber-600" />
        {t("apiKeys.shownOnce")}
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <code className="block min-w-0 flex-1 overflow-x-auto rounded-xl border border-emerald-200 bg-white px-3 py-2.5 font-mono text-sm whitespace-nowrap text-slate-900 select-all" data-testid="new-key-value">
          {created.key}
        </code>
        <CopyButton text={created.key} label={t("apiKeys.copyKey")} variant="primary" testId="copy-key" />
      </div>
      <Button className="mt-4" size="sm" variant="secondary" onClick={onDone}>
        {t("apiKeys.done")}
      </Button>
    </section>
  );
}

function KeyRow({ apiKey, now, onRevoke }: { apiKey: ApiKey; now: number; onRevoke: () => void }) {
  const { t, formatDate } = useI18n();
  const expired = keyState(apiKey, now) === "expired";
  const facts: Array<{ label: string; value: string; testId: string }> = [
    { label: t("apiKeys.created"), value: formatDate(apiKey.createdAt), testId: "key-created" },
    { label: t("apiKeys.lastUsed"), value: apiKey.lastUsedAt === null ? t("apiKeys.never") : formatDate(apiKey.lastUsedAt), testId: "key-last-used" },
    { label: expired ? t("apiKeys.expired") : t("apiKeys.expires"), value: apiKey.expiresAt === null ? t("apiKeys.never") : formatDate(apiKey.expiresAt), testId: "key-expires" },
  ];
  return (
    <li className={`flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:px-6 ${expired ? "bg-slate-50" : ""}`} data-testid="api-key" data-id={apiKey.id} data-state={expired ? "expired" : "active"}>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-semibold break-words text-slate-900" data-testid="key-name">
            {apiKey.name}
          </span>
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700" data-testid="key-prefix">
            {apiKey.prefix}…
          </code>
          {expired && <Badge tone="amber">{t("apiKeys.expired")}</Badge>}
        </p>
        <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t("apiKeys.scopes")} data-testid="key-scopes">
          {apiKey.scopes.map((scope) => (
            <li key={scope}>
              <Badge tone="violet">{scope}</Badge>
            </li>
          ))}
        </ul>
        <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-600">
          {facts.map((fact) => (
            <div key={fact.testId} className="flex gap-1">
              <dt className="text-slate-500">{fact.label}:</dt>
              <dd className="font-medium text-slate-800" data-testid={fact.testId}>
                {fact.value}
              </dd>
            </div>
          ))}
        </dl>
      </div>
      <Button size="sm" variant="secondary" className="self-start hover:border-red-300 hover:text-red-700" onClick={onRevoke} aria-label={t("apiKeys.revokeNamed", { name: apiKey.name })}>
        {t("apiKeys.revoke")}
      </Button>
    </li>
  );
}

export default function ApiKeys() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  useDocumentTitle(t("apiKeys.title"));
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: queryKeys.apiKeys, queryFn: accountApi.apiKeys });
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => accountApi.revokeApiKey(id),
    onSuccess: () => setRevoking(null),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
  const now = Date.now();
  const list = keys.data?.keys ?? [];
  const limit = keys.data?.limit ?? MAX_ACTIVE_API_KEYS;
  const active = activeKeyCount(list, now);

  return (
    <div className="max-w-4xl">
      <PageHeader
        title={t("apiKeys.title")}
        description={t("apiKeys.description")}
        actions={
          <Link to={localizePath(locale, "/docs/api")} className={buttonClass("secondary", "sm")} data-testid="api-docs-link">
            {t("apiKeys.docsLink")}
            <ArrowRightIcon className="size-4" />
          </Link>
        }
      />
      <div className="space-y-6">
        {created !== null && <NewKeyPanel created={created} onDone={() => setCreated(null)} />}
        <CreateKeyForm full={keys.isSuccess && active >= limit} limit={limit} onCreated={setCreated} />
      </div>

      <div className="mt-10 mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold text-slate-900">{t("apiKeys.listTitle")}</h2>
        {keys.isSuccess && (
          <Badge tone={active >= limit ? "amber" : "slate"} data-testid="keys-usage">
            {t("apiKeys.usage", { count: active, limit })}
          </Badge>
        )}
      </div>
      {keys.isPending && <div className="h-24 animate-pulse rounded-2xl bg-slate-200/60" aria-busy="true" />}
      {keys.isError && <QueryErrorNotice error={keys.error} onRetry={() => keys.refetch()} />}
      {keys.isSuccess && list.length === 0 && <p className="rounded-2xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">{t("apiKeys.empty")}</p>}
      {list.length > 0 && (
        <div className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
          <ul className="divide-y divide-slate-100" aria-label={t("apiKeys.listTitle")}>
            {list.map((apiKey) => (
              <KeyRow
                key={apiKey.id}
                apiKey={apiKey}
                now={now}
                onRevoke={() => {
                  revoke.reset();
                  setRevoking(apiKey);
                }}
              />
            ))}
          </ul>
        </div>
      )}

      <ConfirmDialog
        open={revoking !== null}
        title={t("apiKeys.revokeTitle", { name: revoking?.name ?? "" })}
        body={t("apiKeys.revokeBody")}
        confirmLabel={t("apiKeys.revokeConfirm")}
        busy={revoke.isPending}
        error={revoke.isError ? describeError(revoke.error, i18n) : null}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking !== null) revoke.mutate(revoking.id);
        }}
      />
    </div>
  );
}
