/** `--name value` / `--flag` parsing for the ops CLI; unknown options are refused by the caller. */
export function parseArgs(argv: string[]): {
  command: string | undefined;
  options: Map<string, string | true>;
} {
  const [command, ...rest] = argv;
  const options = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--'))
      throw new Error(
        `引数「${arg}」を解釈できません（--名前 値 の形で指定してください）`,
      );
    const [name, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) options.set(name, inline);
    else if (rest[i + 1] !== undefined && !rest[i + 1].startsWith('--'))
      options.set(name, rest[++i]);
    else options.set(name, true);
  }
  return { command, options };
}

export function intOption(
  options: Map<string, string | true>,
  name: string,
  fallback: number,
  min = 0,
): number {
  const raw = options.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isInteger(value) || value < min) {
    throw new Error(
      `--${name} は ${min} 以上の整数で指定してください（指定値: ${String(raw)}）`,
    );
  }
  return value;
}

export function assertKnown(
  options: Map<string, unknown>,
  known: string[],
): void {
  const unknown = [...options.keys()].filter((k) => !known.includes(k));
  if (unknown.length)
    throw new Error(
      `不明なオプション: ${unknown.map((k) => `--${k}`).join(', ')}（使えるもの: ${known.map((k) => `--${k}`).join(', ')}）`,
    );
}
