import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface DnsRecordArgs {
  zoneId: string;
  hostname: string;
  albDnsName: pulumi.Input<string>;
  albZoneId: pulumi.Input<string>;
}

/** The Gatus hostname as an alias of the ALB (alias queries are free and follow the ALB's IPs). */
export class DnsRecord extends pulumi.ComponentResource {
  readonly record: aws.route53.Record;

  constructor(name: string, args: DnsRecordArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:ephemeral:DnsRecord", name, {}, opts);
    this.record = new aws.route53.Record(
      "gatus",
      {
        zoneId: args.zoneId,
        name: args.hostname,
        type: "A",
        aliases: [{ name: args.albDnsName, zoneId: args.albZoneId, evaluateTargetHealth: true }],
      },
      { parent: this },
    );
    this.registerOutputs({ fqdn: this.record.fqdn });
  }
}
