/**
 * Valid Fargate task sizes (AWS "Task CPU and memory" table): for each CPU value, the memory
 * values it accepts. A bad pair is caught by the config schema instead of failing in AWS.
 */
const range = (from: number, to: number, step: number) =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

export const FARGATE_MEMORY_BY_CPU = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
} as const satisfies Record<number, readonly number[]>;

export type FargateCpu = keyof typeof FARGATE_MEMORY_BY_CPU;
export const FARGATE_CPUS = Object.keys(FARGATE_MEMORY_BY_CPU).map(Number) as FargateCpu[];

export function isValidFargateSize(cpu: number, memory: number): boolean {
  const allowed: readonly number[] | undefined = FARGATE_MEMORY_BY_CPU[cpu as FargateCpu];
  return allowed?.includes(memory) ?? false;
}

/** "256 CPU units accept 512, 1024 or 2048 MiB" — for error messages. */
export function describeFargateMemory(cpu: FargateCpu): string {
  const allowed: readonly number[] = FARGATE_MEMORY_BY_CPU[cpu];
  const [first = 0, second = 0] = allowed;
  return allowed.length <= 4
    ? allowed.join(", ")
    : `${first}–${allowed.at(-1)} in steps of ${second - first}`;
}
