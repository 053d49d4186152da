import {
  GITHUB_OIDC_URL,
  githubSubjects,
  type GithubRepositoryIdentity,
} from "../../persistent/trust";
import { subjectContexts } from "../workflows/trust";
import { ACTIONS, allJobs, stepsUsing, str, type Repo } from "../workflows/workflows";
import { resourcesOf, TYPES, type AuthPolicy, type ControlProject } from "./control-project";

/**
 * GitHub Actions → Pulumi Cloud: the OIDC issuer the control project registers, against the
 * workflows. Each job that logs in with pulumi/auth-actions asks for a token of some type, as the
 * OIDC subject GitHub gives it (tests/workflows/trust.ts derives the subjects from the workflow
 * files, the same way as for the AWS roles). Pulumi Cloud issues the token only if an allow
 * policy matches the token's claims. The policies must allow exactly what the jobs ask for:
 * less and a login fails; more and something else gets a Pulumi token.
 *
 * Two set-ups are accepted: "as code" (one OidcIssuer, checked here) and "by hand" (the README's
 * console steps, and no issuer or issuer config in Pulumi.yaml).
 */

export type IssuerMode = "as code" | "by hand";

/** The `aud` claim pulumi/auth-actions requests: `urn:pulumi:org:<organization input>`. */
export const pulumiAudience = (organization: string) => `urn:pulumi:org:${organization}`;
/** The organization every login names, so that `aud` is the control project's organization. */
export const PULUMI_ORG_EXPRESSION = "${{ vars.PULUMI_ORG }}";

/**
 * What an organization-token policy authorizes. `standard` is an organization member's access;
 * `admin` lets an exchange that asks for the `admin` scope act as an organization admin ("For
 * requested token type organization, scopes must be empty or admin", Pulumi's token-exchange
 * API). No job asks for it, and none creates or deletes stacks.
 */
export const ORGANIZATION_TOKEN_PERMISSIONS = ["standard"] as const;

/** Config keys that exist for the issuer only: with no issuer, a leftover looks like a setting. */
export const ISSUER_CONFIG_KEYS = [
  "previewTeam",
  "previewUser",
  "githubOwnerId",
  "githubRepositoryId",
] as const;

/** GitHub's limit for a job without `timeout-minutes`. */
const GITHUB_DEFAULT_TIMEOUT_MINUTES = 360;
/** Pulumi's wildcards in claim values: `*` zero or more characters, `?` zero or one. */
const WILDCARD = /[*?]/;
const TOKEN_TYPE_URN = /urn:pulumi:token-type:access_token:(\w+)/g;

export interface PulumiLogin {
  where: string;
  /** The `sub` contexts the job presents (`pull_request`, `environment:production`, ...). */
  contexts: string[];
  /**
   * The token types the step may request: its literal `requested-token-type`, or every type the
   * step whose output it names can choose (preview.yml: team or personal).
   */
  tokenTypes: string[];
  scope: string | undefined;
  organization: string | undefined;
  /** How long the job may run, hence how long its token must last. */
  timeoutMinutes: number;
  tokenExpiration: number | undefined;
}

/** Every pulumi/auth-actions step of every job (matrix jobs expanded). */
export function pulumiLogins(repo: Repo, defaultBranch: string): PulumiLogin[] {
  return allJobs(repo).flatMap(({ wf, id, job }) =>
    stepsUsing(job, ACTIONS.pulumiAuth).map((step): PulumiLogin => {
      const requested = str(step.with?.["requested-token-type"]) ?? "";
      const chooser = /^\$\{\{ steps\.([\w-]+)\.outputs\.token-type \}\}$/.exec(requested)?.[1];
      const source =
        chooser === undefined ? requested : (job.steps.find((s) => s.id === chooser)?.run ?? "");
      const expiration = str(step.with?.["token-expiration"]);
      return {
        where: `${wf.file} job ${id}`,
        contexts: subjectContexts(wf.doc, job, defaultBranch),
        tokenTypes: [...new Set([...source.matchAll(TOKEN_TYPE_URN)].map((m) => m[1] ?? ""))],
        scope: str(step.with?.scope),
        organization: str(step.with?.organization),
        timeoutMinutes: job["timeout-minutes"] ?? GITHUB_DEFAULT_TIMEOUT_MINUTES,
        tokenExpiration: expiration === undefined ? undefined : Number(expiration),
      };
    }),
  );
}

export function issuerMode(control: ControlProject): IssuerMode {
  return resourcesOf(control, TYPES.oidcIssuer).length === 0 ? "by hand" : "as code";
}

/** The repository as GitHub names it in `sub`, with the ids when the control config has them. */
export function repositoryIdentity(control: ControlProject): GithubRepositoryIdentity {
  const { repository, githubOwnerId, githubRepositoryId } = control.config;
  return {
    repository: String(repository),
    ownerId: githubOwnerId === undefined ? undefined : String(githubOwnerId),
    repositoryId: githubRepositoryId === undefined ? undefined : String(githubRepositoryId),
  };
}

/** The subjects each login presents, in every format the control config names. */
export function loginSubjects(
  control: ControlProject,
  login: PulumiLogin,
): { context: string; subject: string }[] {
  const identity = repositoryIdentity(control);
  return login.contexts.flatMap((context) =>
    githubSubjects(identity, context).map((subject) => ({ context, subject })),
  );
}

const isPullRequestSubject = (subject: string) => subject.endsWith(":pull_request");

/** Every problem with the issuer; [] when it allows exactly what the workflow jobs request. */
export function issuerProblems(control: ControlProject, logins: PulumiLogin[]): string[] {
  const problems: string[] = [];
  const declared = (key: string) => key in control.doc.config;
  const issuers = resourcesOf(control, TYPES.oidcIssuer);

  if (issuers.length === 0) {
    for (const key of ISSUER_CONFIG_KEYS.filter(declared)) {
      problems.push(
        `config ${key} is declared, but no OidcIssuer uses it: delete it together with the ` +
          `issuer (a leftover key looks like a working setting)`,
      );
    }
    return problems;
  }
  if (declared("githubOwnerId") !== declared("githubRepositoryId"))
    problems.push("githubOwnerId and githubRepositoryId go together (both or neither)");
  if (issuers.length > 1) {
    problems.push(
      `expected one ${TYPES.oidcIssuer}, found ${issuers.map((i) => i.name).join(", ")}: ` +
        `Pulumi Cloud registers an issuer URL once per organization`,
    );
  }
  const [issuer] = issuers;
  if (issuer === undefined) return problems;
  const { properties: p, name } = issuer;
  const organization = String(control.config.organization);
  const audience = pulumiAudience(organization);

  if (p.url !== GITHUB_OIDC_URL)
    problems.push(`${name}: url must be ${GITHUB_OIDC_URL} (GitHub's iss claim), got ${p.url}`);
  if (p.organization !== organization)
    problems.push(`${name}: registered in ${p.organization}, not in ${organization}`);
  if (issuer.options?.protect !== true) {
    problems.push(
      `${name}: must be protected (options: protect: true): deleting it would lock every ` +
        `workflow out of Pulumi Cloud`,
    );
  }

  // Lifetime: a token must outlast the job that obtained it; Pulumi's default cap is 25 h.
  const longest = logins.reduce<PulumiLogin | undefined>(
    (a, l) => (a === undefined || l.timeoutMinutes > a.timeoutMinutes ? l : a),
    undefined,
  );
  const max = p.maxExpirationSeconds;
  if (max === undefined) {
    problems.push(`${name}: set maxExpirationSeconds; without it Pulumi Cloud allows 25 hours`);
  } else {
    if (longest && max < longest.timeoutMinutes * 60) {
      problems.push(
        `${name}: maxExpirationSeconds ${max} is shorter than ${longest.where}'s timeout ` +
          `(${longest.timeoutMinutes} min): its token could expire mid-run`,
      );
    }
    for (const l of logins.filter((l) => (l.tokenExpiration ?? 0) > max)) {
      problems.push(`${l.where}: asks for ${l.tokenExpiration} s, more than the issuer's ${max} s`);
    }
  }

  // The logins: whose audience, which token types, from which subjects.
  const requested = new Map<string, Set<string>>();
  for (const login of logins) {
    if (login.organization !== PULUMI_ORG_EXPRESSION) {
      problems.push(
        `${login.where}: organization must be ${PULUMI_ORG_EXPRESSION}, got ` +
          `${login.organization ?? "nothing"}: the token's aud is urn:pulumi:org:<organization>`,
      );
    }
    if (login.tokenTypes.length === 0)
      problems.push(`${login.where}: cannot tell which Pulumi token type it requests`);
    if (
      login.tokenTypes.includes("organization") &&
      loginSubjects(control, login).some((s) => isPullRequestSubject(s.subject))
    ) {
      problems.push(
        `${login.where}: requests an organization token as a pull request: pull-request code ` +
          `must get a read-only team or personal token`,
      );
    }
    if (login.tokenTypes.includes("organization") && login.scope !== undefined) {
      problems.push(
        `${login.where}: requests an organization token with scope ${login.scope}; the policies ` +
          `authorize ${ORGANIZATION_TOKEN_PERMISSIONS.join(", ")} only (no scope)`,
      );
    }
    for (const { subject } of loginSubjects(control, login)) {
      const types = requested.get(subject) ?? new Set<string>();
      for (const t of login.tokenTypes) types.add(t);
      requested.set(subject, types);
    }
  }

  const policies = p.policies ?? [];
  const seen = new Set<string>();
  policies.forEach((policy: AuthPolicy, i) => {
    const at = `${name}.policies[${i}]`;
    const key = JSON.stringify(policy);
    if (seen.has(key)) problems.push(`${at}: repeats an earlier policy`);
    seen.add(key);
    if (policy.decision !== "allow") {
      problems.push(
        `${at}: decision ${policy.decision}: the policies allow exactly the jobs' subjects, ` +
          `so there is nothing to carve out`,
      );
    }
    const claims = Object.keys(policy.rules).sort();
    if (claims.join() !== "aud,sub")
      problems.push(`${at}: rules must check exactly aud and sub, got ${claims.join(", ")}`);
    if (policy.rules.aud !== audience) {
      problems.push(
        `${at}: aud must be ${audience}, the organization's audience, got ${policy.rules.aud}`,
      );
    }
    const sub = policy.rules.sub;
    if (sub === undefined) return;
    if (WILDCARD.test(sub)) {
      problems.push(
        `${at}: sub ${sub} is a wildcard: it also admits pull requests, other branches and ` +
          `other workflows, not only the jobs that request this token`,
      );
    }
    if (policy.tokenType === "organization") {
      if (isPullRequestSubject(sub)) {
        problems.push(
          `${at}: an organization token for ${sub}: pull-request code must never get one (it ` +
            `acts as the organization, not as a read-only identity)`,
        );
      }
      const permissions = [...(policy.authorizedPermissions ?? [])].sort();
      if (permissions.join() !== [...ORGANIZATION_TOKEN_PERMISSIONS].join()) {
        problems.push(
          `${at}: authorizedPermissions must be [${ORGANIZATION_TOKEN_PERMISSIONS.join(", ")}], ` +
            `got [${permissions.join(", ")}]: admin would let a job that asks for the admin ` +
            `scope act as an organization admin, and none needs to`,
        );
      }
    }
    const types = requested.get(sub);
    if (!types?.has(policy.tokenType)) {
      problems.push(
        `${at}: allows ${policy.tokenType} tokens for ${sub}, but no workflow job requests one ` +
          `there` +
          (types === undefined ? "" : ` (jobs there request ${[...types].join(" or ")})`),
      );
    }
  });

  for (const login of logins) {
    for (const { subject } of loginSubjects(control, login)) {
      const allowed = policies.some(
        (policy) =>
          policy.decision === "allow" &&
          policy.rules.sub === subject &&
          login.tokenTypes.includes(policy.tokenType),
      );
      if (!allowed && login.tokenTypes.length > 0) {
        problems.push(
          `${login.where}: requests a token of type ${login.tokenTypes.join(" or ")} as ${subject}, ` +
            `which no policy allows: the login would fail`,
        );
      }
    }
  }
  return [...new Set(problems)];
}
