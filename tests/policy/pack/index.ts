// The CrossGuard entry point: `pulumi preview --policy-pack tests/policy/pack`. Constructing
// the PolicyPack starts the analyzer's gRPC server, so nothing may import this file; tests
// import ./policies instead.
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies } from "./policies";

new PolicyPack("gatus-policies", { policies: buildPolicies() });
