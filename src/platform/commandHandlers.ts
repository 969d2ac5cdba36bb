import type { CommandId } from './commands';

/** A command's body; VS Code passes whatever arguments the caller gave, so each body checks its own. */
export type CommandHandler = (...args: never[]) => unknown;

/** The bodies of the commands one feature owns (registered once, lazily, by src/extension.ts). */
export type CommandHandlers<K extends CommandId = CommandId> = Readonly<Record<K, CommandHandler>>;
