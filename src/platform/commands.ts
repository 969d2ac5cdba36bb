/** Every command id the extension registers, in one place (titles live in package.nls.json). */
export const Commands = {
	signIn: 'aipass.signIn',
	signOut: 'aipass.signOut',
	registerClient: 'aipass.registerClient',
	showLog: 'aipass.showLog',
	chatOpen: 'aipass.chat.open',
	chatNewConversation: 'aipass.chat.newConversation',
	chatOpenInEditor: 'aipass.chat.openInEditor',
	chatShowHistory: 'aipass.chat.showHistory',
	chatExport: 'aipass.chat.export',
	chatAttachSelection: 'aipass.chat.attachSelection',
	analyzeImage: 'aipass.analyzeImage',
	budgetRefresh: 'aipass.budget.refresh',
	budgetShowDetails: 'aipass.budget.showDetails',
	budgetShowUsage: 'aipass.budget.showUsage',
	manageLanguageModels: 'aipass.lm.manage',
	imageGenerate: 'aipass.image.generate',
	imageEdit: 'aipass.image.edit',
	speechReadAloud: 'aipass.speech.readAloud',
	audioTranscribe: 'aipass.audio.transcribe',
	embeddingsEmbedSelection: 'aipass.embeddings.embedSelection',
	videoGenerate: 'aipass.video.generate',
	videoResume: 'aipass.video.resume',
	/** Internal (not in the palette): the Send / Don't Send buttons of the spend guard in `@aipass`. */
	participantConfirmSpend: 'aipass.participant.confirmSpend',
	applyAccept: 'aipass.apply.accept',
	applyReject: 'aipass.apply.reject',
	editSelection: 'aipass.editSelection',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
