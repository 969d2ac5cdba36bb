/** A fenced code block of Markdown: its info string (language, then anything else) and its content. */
export interface FencedBlock {
	readonly info: string;
	readonly body: string;
}

const backtick = '\x60';

/**
 * The fenced code blocks of `markdown`, in order (pure): ``` or ~~~ fences of any length, indented ones
 * (in lists) with their indentation taken off the content; an unclosed fence runs to the end.
 */
export function fencedBlocks(markdown: string): FencedBlock[] {
	const blocks: FencedBlock[] = [];
	const lines = markdown.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const open = /^(\s*)(\x60{3,}|~{3,})(.*)$/.exec(lines[i]);
		if (open === null || (open[2].startsWith(backtick) && open[3].includes(backtick))) {
			continue;
		}
		const [, indent, fence, info] = open;
		const body: string[] = [];
		let j = i + 1;
		for (; j < lines.length; j++) {
			const close = /^\s*(\x60{3,}|~{3,})\s*$/.exec(lines[j]);
			if (close !== null && close[1][0] === fence[0] && close[1].length >= fence.length) {
				break;
			}
			body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
		}
		blocks.push({ info: info.trim(), body: body.join('\n') });
		i = j;
	}
	return blocks;
}
