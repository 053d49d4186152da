/**
 * The load balancer's calls. Creates send Tags, so ELB also authorises AddTags on the new
 * resource with elasticloadbalancing:CreateAction; a listener is created on its load balancer
 * and a rule on its listener, each with the new resource's tags in the request.
 */
import { resolve, type ModelResource } from "../stack-model";
import {
  anywhere,
  creating,
  on,
  retagging,
  sources,
  type CallTable,
  type ProviderCall,
} from "./types";

const tagOnCreate = (createAction: string, r: ModelResource): ProviderCall =>
  creating("elasticloadbalancing:AddTags", r, {
    "elasticloadbalancing:CreateAction": createAction,
  });
const retag = (r: ModelResource) =>
  retagging("elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags", r);
const describe = (...actions: string[]) =>
  actions.map((a) => anywhere("read", `elasticloadbalancing:${a}`));

/** Elastic Load Balancing v2 resource types. */
export const ELB_CALLS: readonly CallTable[] = [
  {
    type: "aws:lb/loadBalancer:LoadBalancer",
    sources: sources("elbv2/load_balancer.go", "elasticloadbalancing/aws_lb.json"),
    calls: (alb, stack) => [
      // The first load balancer in an account creates ELB's service-linked role.
      {
        phase: "create",
        action: "iam:CreateServiceLinkedRole",
        resource: `arn:${stack.partition}:iam::${stack.accountId}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`,
        keys: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" },
      },
      creating("elasticloadbalancing:CreateLoadBalancer", alb),
      tagOnCreate("CreateLoadBalancer", alb),
      on("create", "elasticloadbalancing:ModifyLoadBalancerAttributes", alb),
      ...describe(
        "DescribeLoadBalancers",
        "DescribeLoadBalancerAttributes",
        "DescribeCapacityReservation",
        "DescribeTags",
      ),
      on("update", "elasticloadbalancing:ModifyLoadBalancerAttributes", alb),
      on("update", "elasticloadbalancing:SetSecurityGroups", alb),
      on("update", "elasticloadbalancing:SetSubnets", alb),
      on("update", "elasticloadbalancing:SetIpAddressType", alb),
      ...retag(alb),
      on("delete", "elasticloadbalancing:DeleteLoadBalancer", alb),
      // Waits for the load balancer's network interfaces to go.
      anywhere("delete", "ec2:DescribeNetworkInterfaces"),
    ],
  },
  {
    type: "aws:lb/targetGroup:TargetGroup",
    sources: sources("elbv2/target_group.go", "elasticloadbalancing/aws_lb_target_group.json"),
    calls: (group) => [
      creating("elasticloadbalancing:CreateTargetGroup", group),
      tagOnCreate("CreateTargetGroup", group),
      on("create", "elasticloadbalancing:ModifyTargetGroupAttributes", group),
      ...describe("DescribeTargetGroups", "DescribeTargetGroupAttributes", "DescribeTags"),
      on("update", "elasticloadbalancing:ModifyTargetGroup", group),
      on("update", "elasticloadbalancing:ModifyTargetGroupAttributes", group),
      ...retag(group),
      on("delete", "elasticloadbalancing:DeleteTargetGroup", group),
    ],
  },
  {
    type: "aws:lb/listener:Listener",
    sources: sources("elbv2/listener.go", "elasticloadbalancing/aws_lb_listener.json"),
    calls: (listener, stack) => [
      on(
        "create",
        "elasticloadbalancing:CreateListener",
        resolve(stack, listener.inputs.loadBalancerArn, "the listener's load balancer"),
        {
          requestTags: listener.tags,
        },
      ),
      tagOnCreate("CreateListener", listener),
      ...describe("DescribeListeners", "DescribeListenerAttributes", "DescribeTags"),
      on("update", "elasticloadbalancing:ModifyListener", listener),
      ...retag(listener),
      on("delete", "elasticloadbalancing:DeleteListener", listener),
    ],
  },
  {
    type: "aws:lb/listenerRule:ListenerRule",
    sources: sources("elbv2/listener_rule.go", "elasticloadbalancing/aws_lb_listener_rule.json"),
    calls: (rule, stack) => [
      on(
        "create",
        "elasticloadbalancing:CreateRule",
        resolve(stack, rule.inputs.listenerArn, "the rule's listener"),
        {
          requestTags: rule.tags,
        },
      ),
      tagOnCreate("CreateRule", rule),
      ...describe("DescribeRules", "DescribeTags"),
      on("update", "elasticloadbalancing:ModifyRule", rule),
      // A priority change is its own call.
      on("update", "elasticloadbalancing:SetRulePriorities", rule),
      ...retag(rule),
      on("delete", "elasticloadbalancing:DeleteRule", rule),
    ],
  },
];
