import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { gatusSource } from "../helpers/gatus-build";
import {
  GATUS_CONFIG_SHAPE,
  type ListedStruct,
  nameOf,
  type Shape,
  structsOf,
  unknownKeys,
} from "./gatus-keys";
import { type GoField, yamlKeysOf } from "./go-struct-tags";

const imageFile = (name: string): unknown =>
  parse(readFileSync(path.join(__dirname, "..", "..", "image", name), "utf8"));
const config = imageFile("config.yaml");

const check = (yaml: string) => unknownKeys(parse(yaml), GATUS_CONFIG_SHAPE);

describe("image/config.yaml uses only keys Gatus reads (Gatus itself ignores unknown ones)", () => {
  it("has no key outside Gatus's config structs", () => {
    expect(unknownKeys(config, GATUS_CONFIG_SHAPE)).toEqual([]);
  });

  it("and neither has image/security.yaml, which Gatus merges into it when protected", () => {
    expect(unknownKeys(imageFile("security.yaml"), GATUS_CONFIG_SHAPE)).toEqual([]);
  });

  it.each([
    [
      "a misspelt endpoint key",
      "endpoints:\n  - name: a\n    url: https://a\n    intervall: 5m\n",
      "endpoints[0].intervall: not a key of Endpoint in config/endpoint/endpoint.go; Gatus would silently ignore it and use the default. Did you mean interval?",
    ],
    [
      "a misspelt basic-auth key",
      "security:\n  basic:\n    username: a\n    usrname: a\n",
      "security.basic.usrname: not a key of BasicConfig in security/basic.go; Gatus would silently ignore it and use the default. Did you mean username?",
    ],
    [
      "a misspelt DNS key",
      "endpoints:\n  - name: a\n    url: 1.1.1.1\n    dns:\n      query-nam: x\n",
      "endpoints[0].dns.query-nam: not a key of Config in config/endpoint/dns/dns.go; Gatus would silently ignore it and use the default. Did you mean query-name?",
    ],
    [
      "a misspelt top-level section",
      "endpoint:\n  - name: a\n",
      "endpoint: not a key of Config in config/config.go; Gatus would silently ignore it and use the default. Did you mean endpoints?",
    ],
    [
      "a key Gatus has nowhere",
      "web:\n  port: 8080\n  cors: true\n",
      "web.cors: not a key of Config in config/web/web.go; Gatus would silently ignore it and use the default.",
    ],
    [
      "a section whose keys the table does not list yet",
      'alerting:\n  discord:\n    webhook-url: "${DISCORD_WEBHOOK_URL}"\n',
      "alerting.discord: a real Gatus section (AlertProvider in alerting/provider/discord/discord.go), but tests/image/gatus-keys.ts does not list its keys yet, so typos in it would go unnoticed; add them from that struct",
    ],
    [
      "a misspelt alert provider key (inlined from its Config)",
      'alerting:\n  slack:\n    webhook_url: "${X}"\n',
      "alerting.slack.webhook_url: not a key of AlertProvider in alerting/provider/slack/slack.go; Gatus would silently ignore it and use the default. Did you mean webhook-url?",
    ],
    [
      "a misspelt key of a provider's default alert",
      "alerting:\n  pagerduty:\n    default-alert:\n      failure-treshold: 3\n",
      "alerting.pagerduty.default-alert.failure-treshold: not a key of Alert in alerting/alert/alert.go; Gatus would silently ignore it and use the default. Did you mean failure-threshold?",
    ],
    [
      "a list where Gatus expects a mapping",
      "storage:\n  - type: memory\n",
      "storage: expected a mapping, got a list",
    ],
    [
      "conditions as one string",
      "endpoints:\n  - name: a\n    conditions: '[STATUS] == 200'\n",
      "endpoints[0].conditions: expected a list, got a string",
    ],
  ])("catches %s", (_name, yaml, finding) => {
    expect(check(yaml)).toEqual([finding]);
  });

  it("accepts free-form maps (headers) and free-form values (provider-override)", () => {
    expect(
      check(
        "endpoints:\n  - name: a\n    headers:\n      X-Any: 1\n    alerts:\n      - type: slack\n        provider-override:\n          channel: { id: 1 }\n",
      ),
    ).toEqual([]);
  });
});

describe("reading yaml keys from Go source, as gopkg.in/yaml.v3 derives them", () => {
  const go = [
    "type Config struct {",
    "\t// Name of it",
    '\tName     string            `yaml:"name"` // e.g. https://example.org',
    '\tDNS      *dns.Config       `yaml:"dns,omitempty"`',
    "\tPlain    bool",
    '\tInternal int               `yaml:"-"`',
    "\thidden   string",
    "}",
  ].join("\n");

  it("takes the tag's name, or the lower-cased field name, and skips `-` and unexported fields", () => {
    expect(Object.fromEntries(yamlKeysOf(go, "Config") ?? [])).toEqual({
      name: { field: "Name", type: "string" },
      dns: { field: "DNS", type: "*dns.Config" },
      plain: { field: "Plain", type: "bool" },
    });
    expect(yamlKeysOf(go, "Other")).toBeUndefined();
  });

  it("refuses an inline field rather than guessing its keys", () => {
    const inline = 'type Config struct {\n\tTunnels map[string]*T `yaml:",inline"`\n}';
    expect(() => yamlKeysOf(inline, "Config")).toThrow("struct Config: inline field Tunnels");
  });

  it("takes an inline field's keys from the struct it embeds, named or embedded", () => {
    const source = [
      "type Config struct {",
      '\tWebhookURL string `yaml:"webhook-url"`',
      "}",
      "type AlertProvider struct {",
      '\tDefaultConfig Config `yaml:",inline"`',
      '\tDefaultAlert *alert.Alert `yaml:"default-alert,omitempty"`',
      "}",
      "type Override struct {",
      '\tGroup string `yaml:"group"`',
      '\tConfig `yaml:",inline"`',
      "}",
    ].join("\n");
    const inline = (type: string) => yamlKeysOf(source, type);
    expect([...(yamlKeysOf(source, "AlertProvider", { inline }) ?? []).keys()]).toEqual([
      "webhook-url",
      "default-alert",
    ]);
    expect([...(yamlKeysOf(source, "Override", { inline }) ?? []).keys()]).toEqual([
      "group",
      "webhook-url",
    ]);
    expect(() => yamlKeysOf(source, "Override", { inline: () => undefined })).toThrow(
      "struct Override: inline field Config",
    );
  });
});

// The table against Gatus's source at the pinned version: every struct exists, lists exactly the
// keys its yaml tags give, and nests as the fields' Go types say.
const source = gatusSource();

describe.skipIf(source.skip !== undefined)(
  `tests/image/gatus-keys.ts matches Gatus's config structs${source.skip ? ` (skipped: ${source.skip})` : ""}`,
  () => {
    const root = source.path ?? "";
    const structs = structsOf(GATUS_CONFIG_SHAPE);

    it("names every top-level key of config.Config, listed or not", () => {
      expect(structs[0]?.go).toEqual({ file: "config/config.go", type: "Config" });
    });

    it.each(structs.map((s) => [nameOf(s.go), s] as const))("%s", (_name, listed) => {
      expect(sourceProblems(root, listed)).toEqual([]);
    });

    it("notices a key the table has but the struct does not", () => {
      const wrong: ListedStruct = {
        go: { file: "config/endpoint/dns/dns.go", type: "Config" },
        fields: {
          "query-type": { kind: "value" },
          "query-name": { kind: "value" },
          port: { kind: "value" },
        },
      };
      expect(sourceProblems(root, wrong)).toEqual([
        "Config in config/endpoint/dns/dns.go: the table lists port, which has no yaml tag there",
      ]);
    });
  },
);

/** What is wrong with one table entry, compared with Gatus's source under `root`. */
function sourceProblems(root: string, listed: ListedStruct): string[] {
  const file = path.join(root, listed.go.file);
  const where = nameOf(listed.go);
  if (!existsSync(file)) return [`${where}: no such file`];
  const text = readFileSync(file, "utf8");
  if (!text.includes(`\ntype ${listed.go.type} struct {`)) return [`${where}: no such struct`];
  // An unlisted section claims only that it exists.
  if (listed.fields === undefined) return [];
  // An inline field embeds a struct of the same file (an alert provider's Config).
  const inline = (type: string): Map<string, GoField> | undefined =>
    type.includes(".") ? undefined : yamlKeysOf(text, type.replace(/^\*/, ""), { inline });
  const keys = yamlKeysOf(text, listed.go.type, { inline }) ?? new Map<string, GoField>();
  const problems = Object.keys(listed.fields)
    .filter((key) => !keys.has(key))
    .map((key) => `${where}: the table lists ${key}, which has no yaml tag there`);
  for (const [key, field] of keys) {
    const shape = listed.fields[key];
    if (shape === undefined) {
      problems.push(`${where}: ${key} (field ${field.field}) is missing from the table`);
    } else if (!nests(shape, field.type)) {
      problems.push(
        `${where}: ${key} is ${field.type} in Go, which the table's ${shape.kind} does not match`,
      );
    }
  }
  return problems;
}

/** Whether a Go type reads as the table's shape: []T a list, map[..]T a map, *pkg.T the struct T. */
function nests(shape: Shape, goType: string): boolean {
  const type = goType.replace(/^\*/, "");
  switch (shape.kind) {
    case "list":
      return type.startsWith("[]") && nests(shape.of, type.slice(2));
    case "map":
      return type.startsWith("map[") && nests(shape.of, type.slice(type.indexOf("]") + 1));
    case "struct":
    case "unlisted":
      return type === shape.go.type || type.endsWith(`.${shape.go.type}`);
    case "any":
      return type === "any" || type === "interface{}";
    case "value":
      return !type.startsWith("[]") && !type.startsWith("map[");
  }
}
