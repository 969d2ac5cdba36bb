/** Every command id the extension registers, in one place (titles live in package.nls.json). */
export const Commands = {
	signIn: 'aipass.signIn',
	signOut: 'aipass.signOut',
	registerClient: 'aipass.registerClient',
	showLog: 'aipass.showLog',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
