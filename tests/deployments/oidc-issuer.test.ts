import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PERSISTENT_PROJECT } from "../../persistent/config";
import { GITHUB_OIDC_URL } from "../../persistent/trust";
import { exampleConfig } from "../engine/example-config";
import { clone, job, loadRepo, type Repo } from "../workflows/workflows";
import {
  CONTROL_EXAMPLE_FILE,
  CONTROL_PROJECT_FILE,
  loadControlProject,
  MAX_ISSUER_POLICIES,
  resourcesOf,
  TYPES,
  type ControlProject,
} from "./control-project";
import {
  ISSUER_CONFIG_KEYS,
  issuerMode,
  issuerProblems,
  loginSubjects,
  ORGANIZATION_TOKEN_PERMISSIONS,
  PULUMI_ORG_EXPRESSION,
  pulumiAudience,
  pulumiLogins,
} from "./oidc-issuer";

/**
 * The GitHub Actions OIDC issuer of the control project allows exactly the Pulumi tokens the
 * workflow jobs request, from exactly the subjects GitHub gives those jobs: organization tokens
 * for main's code (CD, teardown, drift), a read-only team token for pull requests. Subjects are
 * derived from the workflow files (tests/workflows/trust.ts), never copied.
 */

const repo = loadRepo();
const projectText = readFileSync(CONTROL_PROJECT_FILE, "utf8");
const exampleText = readFileSync(CONTROL_EXAMPLE_FILE, "utf8");
const control = loadControlProject();
const { config } = control;
const org = String(config.organization);
const branch = String(config.branch);
const logins = pulumiLogins(repo, branch);
const issuer = resourcesOf(control, TYPES.oidcIssuer)[0];
const policies = issuer?.properties.policies ?? [];

interface RawPolicy {
  decision: string;
  tokenType: string;
  teamName?: string;
  userLogin?: string;
  authorizedPermissions?: string[];
  rules: Record<string, string>;
}
interface Doc {
  config: Record<string, unknown>;
  variables: Record<string, unknown>;
  resources: Record<
    string,
    { type: string; properties?: Record<string, unknown>; options?: Record<string, unknown> }
  >;
}
const ISSUER = "githubActionsIssuer";
/** The control project with its parsed document changed by `edit`. */
function edited(edit: (doc: Doc) => void, stackConfig = exampleText): ControlProject {
  const doc = parse(projectText) as Doc;
  edit(doc);
  return loadControlProject({ project: JSON.stringify(doc), stackConfig });
}
const issuerBlock = (doc: Doc) => {
  const block = doc.resources[ISSUER];
  if (block?.properties === undefined) throw new Error(`no ${ISSUER} in Pulumi.yaml`);
  return block as { properties: Record<string, unknown>; options?: Record<string, unknown> };
};
const rawPolicies = (doc: Doc) => issuerBlock(doc).properties.policies as RawPolicy[];
const dropKeys = (text: string, ...keys: string[]) =>
  keys.reduce((t, key) => t.replace(new RegExp(`^.*gatus-control:${key}:.*\\n`, "m"), ""), text);
const problemsOf = (c: ControlProject, r: Repo = repo) =>
  issuerProblems(c, pulumiLogins(r, String(c.config.branch)));
const orgSubjects = () =>
  logins
    .filter((l) => l.tokenTypes.includes("organization"))
    .flatMap((l) => loginSubjects(control, l).map((s) => s.subject));
const unique = (values: string[]) => [...new Set(values)].sort();

describe("GitHub Actions OIDC issuer (as code)", () => {
  it("allows exactly the token types the workflow jobs request, from exactly their subjects", () => {
    expect(issuerMode(control)).toBe("as code");
    expect(issuerProblems(control, logins)).toEqual([]);
  });

  it("checks what the workflows do (so a check over nothing cannot pass)", () => {
    const uses = (type: string) =>
      logins
        .filter((l) => l.tokenTypes.includes(type))
        .map((l) => `${l.where} ${l.contexts.join()}`);
    expect(unique(uses("organization"))).toEqual([
      "cd.yml job deploy environment:production",
      "cd.yml job preview ref:refs/heads/main",
      "drift.yml job persistent ref:refs/heads/main",
      "teardown.yml job destroy environment:teardown",
    ]);
    expect(unique(uses("team"))).toEqual(["preview.yml job preview pull_request"]);
    expect(unique(uses("personal"))).toEqual(unique(uses("team")));
    // One policy per subject and format: 4 contexts, name- and ID-based.
    const subjects = unique(logins.flatMap((l) => loginSubjects(control, l).map((s) => s.subject)));
    expect(subjects).toHaveLength(8);
    expect(policies).toHaveLength(subjects.length);
    expect(policies.length).toBeLessThanOrEqual(MAX_ISSUER_POLICIES);
  });

  it("organization tokens: the subjects of the jobs that request one, both formats, never pull_request", () => {
    const allowed = policies.filter((p) => p.tokenType === "organization");
    expect(unique(allowed.map((p) => p.rules.sub ?? ""))).toEqual(unique(orgSubjects()));
    expect(allowed.filter((p) => p.rules.sub?.endsWith(":pull_request"))).toEqual([]);
    expect(unique(orgSubjects()).filter((s) => s.includes("@"))).toHaveLength(3);
  });

  it("pull requests get the read-only team's token, never an organization token", () => {
    const forPullRequests = policies.filter((p) => p.rules.sub?.endsWith(":pull_request"));
    expect(forPullRequests).toHaveLength(2);
    for (const p of forPullRequests) {
      expect(p).toMatchObject({
        decision: "allow",
        tokenType: "team",
        teamName: config.previewTeam,
      });
      expect(p.authorizedPermissions).toBeUndefined();
    }
    const pullRequestLogins = logins.filter((l) => l.contexts.includes("pull_request"));
    expect(pullRequestLogins.length).toBeGreaterThan(0);
    for (const l of pullRequestLogins) expect(l.tokenTypes.sort()).toEqual(["personal", "team"]);
  });

  it("every policy checks the organization's audience and one exact subject", () => {
    for (const p of policies) {
      expect(Object.keys(p.rules).sort()).toEqual(["aud", "sub"]);
      expect(p.rules.aud).toBe(pulumiAudience(org));
      expect(p.rules.sub).toMatch(/^repo:[^*?]+$/);
    }
    // pulumi/auth-actions requests the audience urn:pulumi:org:<organization input>.
    for (const l of logins) expect(l.organization, l.where).toBe(PULUMI_ORG_EXPRESSION);
    expect(org).toBe(exampleConfig("persistent")[`${PERSISTENT_PROJECT}:pulumiOrganization`]);
  });

  it("organization tokens have an organization member's access; no job asks for the admin scope", () => {
    for (const p of policies.filter((p) => p.tokenType === "organization"))
      expect(p.authorizedPermissions).toEqual([...ORGANIZATION_TOKEN_PERMISSIONS]);
    for (const l of logins.filter((l) => l.tokenTypes.includes("organization")))
      expect(l.scope, l.where).toBeUndefined();
  });

  it("a token outlives the longest job that logs in, and lasts no longer than Pulumi's default 2 h", () => {
    const longest = Math.max(...logins.map((l) => l.timeoutMinutes));
    expect(issuer?.properties.maxExpirationSeconds).toBeGreaterThanOrEqual(longest * 60);
    expect(issuer?.properties.maxExpirationSeconds).toBeLessThanOrEqual(2 * 3600);
    expect(logins.filter((l) => l.tokenExpiration !== undefined)).toEqual([]);
  });

  it("is GitHub's issuer, in the control project's organization, protected from deletion", () => {
    expect(issuer?.properties).toMatchObject({ url: GITHUB_OIDC_URL, organization: org });
    expect(issuer?.options?.protect).toBe(true);
    // No pinned thumbprints: Pulumi Cloud checks GitHub's certificate against the public CAs.
    expect(issuer?.properties.thumbprints).toBeUndefined();
  });

  it("names the repository as the persistent stack does, ids included", () => {
    const persistent = exampleConfig("persistent");
    expect(config.repository).toBe(persistent[`${PERSISTENT_PROJECT}:githubRepository`]);
    expect(config.githubOwnerId).toBe(persistent[`${PERSISTENT_PROJECT}:githubOwnerId`]);
    expect(config.githubRepositoryId).toBe(persistent[`${PERSISTENT_PROJECT}:githubRepositoryId`]);
  });
});

describe("a mutated issuer or workflow fails the check", () => {
  const addPolicy = (policy: RawPolicy) => (doc: Doc) => {
    rawPolicies(doc).push(policy);
  };
  const changePolicy = (match: RegExp, change: (p: RawPolicy) => void) => (doc: Doc) => {
    const found = rawPolicies(doc).filter((p) => match.test(p.rules.sub ?? ""));
    expect(found.length).toBeGreaterThan(0);
    found.forEach(change);
  };
  const removePolicies = (match: RegExp) => (doc: Doc) => {
    const before = rawPolicies(doc).length;
    issuerBlock(doc).properties.policies = rawPolicies(doc).filter(
      (p) => !match.test(p.rules.sub ?? ""),
    );
    expect(rawPolicies(doc).length).toBeLessThan(before);
  };
  const orgPolicy = (sub: string): RawPolicy => ({
    decision: "allow",
    tokenType: "organization",
    authorizedPermissions: ["standard"],
    rules: { aud: "urn:pulumi:org:${organization}", sub },
  });

  it.each<[string, (doc: Doc) => void, RegExp]>([
    [
      "an organization token for pull_request",
      addPolicy(orgPolicy("${githubSubjectByName}:pull_request")),
      /policies\[8\]: an organization token for repo:acme\/gatus-fargate:pull_request: pull-request code must never get one/,
    ],
    [
      "the pull_request policy turned into an organization token",
      changePolicy(/pull_request$/, (p) => {
        p.tokenType = "organization";
        delete p.teamName;
        p.authorizedPermissions = ["standard"];
      }),
      /pull-request code must never get one/,
    ],
    [
      "a wildcard subject (Pulumi's example, repo:OWNER/REPO:*)",
      changePolicy(/:ref:refs\/heads\/\$\{branch\}$/, (p) => {
        p.rules.sub = p.rules.sub?.replace(/:ref:.*$/, ":*") ?? "";
      }),
      /sub repo:acme\/gatus-fargate:\* is a wildcard/,
    ],
    [
      "another organization's audience",
      changePolicy(/environment:production$/, (p) => {
        p.rules.aud = "urn:pulumi:org:other";
      }),
      /aud must be urn:pulumi:org:acme, the organization's audience, got urn:pulumi:org:other/,
    ],
    [
      "an organization token with admin permissions",
      changePolicy(/environment:teardown$/, (p) => {
        p.authorizedPermissions = ["admin"];
      }),
      /authorizedPermissions must be \[standard\], got \[admin\]/,
    ],
    [
      "no policy for the teardown environment",
      removePolicies(/^\$\{githubSubjectByName\}:environment:teardown$/),
      /teardown.yml job destroy: requests a token of type organization as repo:acme\/gatus-fargate:environment:teardown, which no policy allows/,
    ],
    [
      "the ID-based policies deleted while the ids are configured",
      removePolicies(/^\$\{githubSubjectById\}/),
      /requests a token of type team or personal as repo:acme@1234567\/gatus-fargate@987654321:pull_request, which no policy allows/,
    ],
    [
      "an organization token for a branch no job logs in from",
      addPolicy(orgPolicy("${githubSubjectByName}:ref:refs/heads/develop")),
      /allows organization tokens for repo:acme\/gatus-fargate:ref:refs\/heads\/develop, but no workflow job requests one there/,
    ],
    [
      "a deny policy",
      changePolicy(/environment:production$/, (p) => {
        p.decision = "deny";
      }),
      /decision deny/,
    ],
    [
      "a rule on another claim",
      changePolicy(/environment:production$/, (p) => {
        p.rules.repository_owner = "acme";
      }),
      /rules must check exactly aud and sub, got aud, repository_owner, sub/,
    ],
    [
      "an unprotected issuer",
      (doc) => {
        delete issuerBlock(doc).options;
      },
      /must be protected/,
    ],
    [
      "a token lifetime shorter than CD's deploy job",
      (doc) => {
        issuerBlock(doc).properties.maxExpirationSeconds = 1800;
      },
      /maxExpirationSeconds 1800 is shorter than cd.yml job deploy's timeout \(90 min\)/,
    ],
    [
      "a second GitHub issuer",
      (doc) => {
        doc.resources.secondIssuer = structuredClone(
          doc.resources[ISSUER],
        ) as Doc["resources"][string];
      },
      /expected one pulumiservice:index:OidcIssuer, found githubActionsIssuer, secondIssuer/,
    ],
  ])("%s", (_case, edit, problem) => {
    const problems = problemsOf(edited(edit));
    expect(problems.join("\n")).toMatch(problem);
  });

  it("a branch in config that is not the branch the workflows run on", () => {
    const develop = loadControlProject({
      project: projectText,
      stackConfig: `${exampleText}  gatus-control:branch: develop\n`,
    });
    expect(problemsOf(develop).join("\n")).toMatch(
      /cd.yml job preview: requests a token of type organization as repo:acme\/gatus-fargate:ref:refs\/heads\/main, which no policy allows/,
    );
  });

  it.each<[string, (r: Repo) => void, RegExp]>([
    [
      "CD's deploy job loses its environment (its token then comes from main's ref)",
      (r) => {
        delete job(r, "cd.yml", "deploy").environment;
      },
      /allows organization tokens for repo:acme\/gatus-fargate:environment:production, but no workflow job requests one there/,
    ],
    [
      "preview.yml asks for an organization token",
      (r) => {
        const chooser = job(r, "preview.yml", "preview").steps.find(
          (s) => s.id === "pulumi-identity",
        );
        if (chooser)
          chooser.run = 'echo "token-type=urn:pulumi:token-type:access_token:organization"';
      },
      /preview.yml job preview: requests an organization token as a pull request/,
    ],
    [
      "the drift check may be started from any branch",
      (r) => {
        delete job(r, "drift.yml", "persistent").if;
      },
      /drift.yml job persistent: requests a token of type organization as repo:acme\/gatus-fargate:ref:refs\/heads\/\*, which no policy allows/,
    ],
    [
      "a login for another organization's audience",
      (r) => {
        const login = job(r, "teardown.yml", "destroy").steps.find((s) =>
          s.uses?.startsWith("pulumi/auth-actions@"),
        );
        if (login?.with) login.with.organization = "other";
      },
      /teardown.yml job destroy: organization must be \$\{\{ vars.PULUMI_ORG \}\}/,
    ],
    [
      "an organization login that asks for the admin scope",
      (r) => {
        const login = job(r, "cd.yml", "deploy").steps.find((s) =>
          s.uses?.startsWith("pulumi/auth-actions@"),
        );
        if (login?.with) login.with.scope = "admin";
      },
      /cd.yml job deploy: requests an organization token with scope admin/,
    ],
  ])("%s", (_case, change, problem) => {
    const mutated = clone(repo);
    change(mutated);
    expect(problemsOf(control, mutated).join("\n")).toMatch(problem);
  });
});

describe("OidcIssuer resources are validated against the provider's v1.3.0 schema", () => {
  it.each<[string, (doc: Doc) => void, RegExp]>([
    [
      "a team policy without teamName",
      (doc) => {
        rawPolicies(doc).forEach((p) => delete p.teamName);
      },
      /tokenType team requires teamName/,
    ],
    [
      "an organization policy without authorizedPermissions",
      (doc) => {
        rawPolicies(doc).forEach((p) => delete p.authorizedPermissions);
      },
      /tokenType organization requires authorizedPermissions/,
    ],
    [
      "teamName on an organization policy",
      (doc) => {
        rawPolicies(doc).forEach((p) => (p.teamName = "gatus-readers"));
      },
      /teamName belongs to tokenType team only/,
    ],
    [
      "a permission level the schema does not have",
      (doc) => {
        for (const p of rawPolicies(doc))
          if (p.authorizedPermissions) p.authorizedPermissions = ["write"];
      },
      /authorizedPermissions/,
    ],
    [
      "a misspelt property (maxExpiration, the REST API's name)",
      (doc) => {
        const p = issuerBlock(doc).properties;
        p.maxExpiration = p.maxExpirationSeconds;
        delete p.maxExpirationSeconds;
      },
      /maxExpiration|Unrecognized key/,
    ],
    [
      `more than ${MAX_ISSUER_POLICIES} policies`,
      (doc) => {
        const all = rawPolicies(doc);
        issuerBlock(doc).properties.policies = Array.from({ length: 41 }, (_, i) => all[i % 8]);
      },
      /policies/,
    ],
  ])("rejects %s", (_case, edit, message) => {
    expect(() => edited(edit)).toThrow(message);
  });
});

describe("the documented forks", () => {
  const ID_VARIABLES = ["githubOwner", "githubRepositoryName", "githubSubjectById"];
  const nameBasedOnly = (doc: Doc) => {
    for (const key of ["githubOwnerId", "githubRepositoryId"]) delete doc.config[key];
    for (const name of ID_VARIABLES) delete doc.variables[name];
    removeIdPolicies(doc);
  };
  const removeIdPolicies = (doc: Doc) => {
    issuerBlock(doc).properties.policies = rawPolicies(doc).filter(
      (p) => !p.rules.sub?.startsWith("${githubSubjectById}"),
    );
  };
  const withoutIds = dropKeys(exampleText, "githubOwnerId", "githubRepositoryId");

  it("by hand: no issuer, and none of its config keys or variables", () => {
    const byHand = edited(
      (doc) => {
        delete doc.resources[ISSUER];
        for (const key of ISSUER_CONFIG_KEYS) delete doc.config[key];
        for (const name of [...ID_VARIABLES, "githubSubjectByName"]) delete doc.variables[name];
      },
      dropKeys(exampleText, "previewTeam", "githubOwnerId", "githubRepositoryId"),
    );
    expect(issuerMode(byHand)).toBe("by hand");
    expect(issuerProblems(byHand, logins)).toEqual([]);
  });

  it("by hand, with a leftover previewTeam key that no longer does anything", () => {
    const leftover = edited((doc) => {
      delete doc.resources[ISSUER];
    });
    expect(issuerProblems(leftover, logins)).toEqual(
      ["previewTeam", "githubOwnerId", "githubRepositoryId"].map((key) =>
        expect.stringContaining(`config ${key} is declared, but no OidcIssuer uses it`),
      ),
    );
  });

  it("name-based subjects only: no ids, no ID-based policies", () => {
    const nameBased = edited(nameBasedOnly, withoutIds);
    expect(issuerProblems(nameBased, logins)).toEqual([]);
    const subjects = resourcesOf(nameBased, TYPES.oidcIssuer)[0]?.properties.policies?.map(
      (p) => p.rules.sub,
    );
    expect(subjects).toHaveLength(4);
    expect(subjects?.filter((s) => s?.includes("@"))).toEqual([]);
  });

  it("refuses half of the ID-based set-up", () => {
    // The ids deleted but githubSubjectById kept: Pulumi YAML evaluates every variable.
    expect(() =>
      edited((doc) => {
        for (const key of ["githubOwnerId", "githubRepositoryId"]) delete doc.config[key];
        removeIdPolicies(doc);
      }, withoutIds),
    ).toThrow(/githubOwnerId/);
    // One id declared without the other.
    const oneId = edited(
      (doc) => {
        delete doc.config.githubRepositoryId;
        delete doc.variables.githubSubjectById;
        removeIdPolicies(doc);
      },
      dropKeys(exampleText, "githubRepositoryId"),
    );
    expect(issuerProblems(oneId, logins)).toContain(
      "githubOwnerId and githubRepositoryId go together (both or neither)",
    );
  });

  it("personal tokens for pull requests, for editions without teams", () => {
    const personal = edited(
      (doc) => {
        delete doc.config.previewTeam;
        doc.config.previewUser = { type: "string" };
        for (const p of rawPolicies(doc).filter((p) => p.tokenType === "team")) {
          p.tokenType = "personal";
          delete p.teamName;
          p.userLogin = "${previewUser}";
        }
      },
      exampleText.replace(
        "gatus-control:previewTeam: gatus-readers",
        "gatus-control:previewUser: gatus-preview-bot",
      ),
    );
    expect(issuerProblems(personal, logins)).toEqual([]);
    const forPullRequests = resourcesOf(personal, TYPES.oidcIssuer)[0]?.properties.policies?.filter(
      (p) => p.rules.sub?.endsWith(":pull_request"),
    );
    expect(forPullRequests?.map((p) => [p.tokenType, p.userLogin])).toEqual([
      ["personal", "gatus-preview-bot"],
      ["personal", "gatus-preview-bot"],
    ]);
  });
});
