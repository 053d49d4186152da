import type { PolicyResource, ResourceRule, Rule } from "../types";
import { show, where } from "./util";

export const ACM_CERTIFICATE = "aws:acm/certificate:Certificate";

/** A certificate ACM issues (as opposed to an imported one, which has a private key instead). */
const isRequested = (r: PolicyResource) => typeof r.inputs.domainName === "string";

export const acmDnsValidation: ResourceRule = {
  kind: "resource",
  id: "acm-dns-validation",
  control: "FSBP ACM.1 (managed renewal)",
  level: "mandatory",
  resourceTypes: [ACM_CERTIFICATE],
  description: "ACM certificate must be validated through DNS",
  why: "DNS validation lets ACM renew the certificate on its own while the CNAME stays in place; email validation needs a person to click a link every year, and expiry takes the site down.",
  check: (r) =>
    !isRequested(r) || r.inputs.validationMethod === "DNS"
      ? []
      : [`${where(r)} has validationMethod ${show(r.inputs.validationMethod)}; set it to "DNS".`],
};

export const acmRules: readonly Rule[] = [acmDnsValidation];
