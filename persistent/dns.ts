import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, reasonOf } from "./lib/stack-config";

export interface DnsArgs {
  zoneName: string;
  /** Adopt this zone instead of creating one. */
  existingZoneId?: string | undefined;
  /** The Gatus hostname; the certificate is issued for it. */
  hostname: string;
}

/**
 * The hosted zone (created, or an existing one adopted) and a DNS-validated ACM certificate for
 * the Gatus hostname. `certificateArn` comes from the validation resource, so nothing can use
 * the certificate before ACM has issued it.
 */
export class Dns extends pulumi.ComponentResource {
  readonly zoneId: pulumi.Output<string>;
  readonly nameServers: pulumi.Output<string[]>;
  readonly certificateArn: pulumi.Output<string>;

  constructor(name: string, args: DnsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:persistent:Dns", name, {}, opts);
    const protect = { parent: this, protect: true };

    if (args.existingZoneId !== undefined) {
      this.zoneId = pulumi.output(args.existingZoneId);
      this.nameServers = pulumi.output([]);
    } else {
      const zone = new aws.route53.Zone(
        "zone",
        {
          name: args.zoneName,
          comment: `Gatus (${args.hostname}); managed by Pulumi`,
          forceDestroy: false,
        },
        protect,
      );
      this.zoneId = zone.zoneId;
      this.nameServers = zone.nameServers;
    }

    const certificate = new aws.acm.Certificate(
      "gatus",
      { domainName: args.hostname, validationMethod: "DNS", keyAlgorithm: "RSA_2048" },
      protect,
    );
    // One name, so exactly one validation record.
    const validationOption = certificate.domainValidationOptions.apply((options) => {
      const [option] = options;
      if (option === undefined)
        throw new Error(`ACM returned no DNS validation option for ${args.hostname}`);
      return option;
    });
    const record = new aws.route53.Record(
      "certificate-validation",
      {
        zoneId: this.zoneId,
        name: validationOption.resourceRecordName,
        type: validationOption.resourceRecordType,
        records: [validationOption.resourceRecordValue],
        ttl: 300,
        allowOverwrite: true,
      },
      { parent: this },
    );
    const validation = new aws.acm.CertificateValidation(
      "gatus",
      { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
      { parent: this },
    );
    this.certificateArn = validation.certificateArn;

    this.registerOutputs({ zoneId: this.zoneId, certificateArn: this.certificateArn });
  }
}

/** Checks that an adopted zone really is the configured zone, before anything is created in it. */
export async function verifyAdoptedZone(
  zoneId: string,
  zoneName: string,
  opts: pulumi.InvokeOptions,
): Promise<void> {
  let zone: aws.route53.GetZoneResult;
  try {
    zone = await aws.route53.getZone({ zoneId }, opts);
  } catch (err) {
    throw new ConfigError(
      `existingZoneId: cannot read hosted zone "${zoneId}" (${reasonOf(err)}). ` +
        "Fix: pulumi config set existingZoneId <an id from Route 53 > Hosted zones>, or remove the key to create the zone.",
    );
  }
  if (zone.name.replace(/\.$/, "") !== zoneName) {
    throw new ConfigError(
      `existingZoneId: zone "${zoneId}" is "${zone.name}", not zoneName "${zoneName}". Fix: set zoneName to the zone's name or use that zone's id.`,
    );
  }
  if (zone.privateZone) {
    throw new ConfigError(
      `existingZoneId: zone "${zoneId}" is private; Gatus needs a public zone for its hostname and certificate.`,
    );
  }
}
