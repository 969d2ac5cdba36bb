import type { UsageBar, UsageHostMessage, UsageReportView, UsageWebviewMessage } from '../../shared/usageProtocol';

declare function acquireVsCodeApi(): { postMessage(message: UsageWebviewMessage): void };

const svgNs = 'http://www.w3.org/2000/svg';
const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
	const element = document.createElement(tag);
	if (className) {
		element.className = className;
	}
	if (text !== undefined) {
		element.textContent = text;
	}
	return element;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
	const element = document.createElementNS(svgNs, tag);
	for (const [name, value] of Object.entries(attrs)) {
		element.setAttribute(name, String(value));
	}
	return element;
}

/** Vertical bars (the 30 days): a quiet axis, the amount of the tallest bar, a tooltip per bar. */
function columnChart(bars: readonly UsageBar[], label: string): SVGSVGElement {
	const width = 900;
	const height = 190;
	const top = 22;
	const bottom = 24;
	const max = Math.max(...bars.map(b => b.amount), 0);
	const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart columns', role: 'img', 'aria-label': label });
	const slot = width / Math.max(bars.length, 1);
	chart.append(svg('line', { x1: 0, x2: width, y1: height - bottom + 0.5, y2: height - bottom + 0.5, class: 'axis' }));
	bars.forEach((bar, i) => {
		const h = max > 0 ? Math.max(bar.amount > 0 ? 2 : 0, (bar.amount / max) * (height - top - bottom)) : 0;
		const rect = svg('rect', { x: i * slot + slot * 0.15, y: height - bottom - h, width: slot * 0.7, height: h, rx: 2, class: i === bars.length - 1 ? 'bar today' : 'bar' });
		const title = svg('title', {});
		title.textContent = `${bar.label}: ${bar.text}`;
		rect.append(title);
		chart.append(rect);
		if (i % 7 === (bars.length - 1) % 7) {
			const last = i === bars.length - 1;
			const text = svg('text', { x: last ? width : i * slot + slot / 2, y: height - 6, class: 'tick', 'text-anchor': last ? 'end' : 'middle' });
			text.textContent = bar.label;
			chart.append(text);
		}
	});
	const peak = bars.find(b => b.amount === max && max > 0);
	if (peak) {
		const text = svg('text', { x: 0, y: 12, class: 'tick' });
		text.textContent = `${peak.text} (${peak.label})`;
		chart.append(text);
	}
	return chart;
}

/** Horizontal bars with their label and amount (by model, by feature, forecast). */
function barList(bars: readonly UsageBar[], tone: string): HTMLElement {
	const list = el('div', `bar-list ${tone}`);
	const max = Math.max(...bars.map(b => b.amount), 0);
	for (const bar of bars) {
		const row = el('div', 'bar-row');
		row.append(el('span', 'bar-label', bar.label));
		const track = el('span', 'bar-track');
		const fill = el('span', 'bar-fill');
		fill.style.width = `${max > 0 ? Math.max(1, (bar.amount / max) * 100) : 0}%`;
		track.append(fill);
		row.append(track, el('span', 'bar-value', bar.text));
		row.title = bar.detail ? `${bar.label}: ${bar.text} (${bar.detail})` : `${bar.label}: ${bar.text}`;
		list.append(row);
	}
	return list;
}

function table(bars: readonly UsageBar[], caption: string, report: UsageReportView): HTMLTableElement {
	const t = el('table', 'data');
	t.append(el('caption', undefined, caption));
	const head = el('tr');
	head.append(el('th', undefined, report.columns.item), el('th', 'num', report.columns.amount), el('th', undefined, report.columns.detail));
	t.append(head);
	for (const bar of bars) {
		const row = el('tr');
		row.append(el('td', undefined, bar.label), el('td', 'num', bar.text), el('td', undefined, bar.detail ?? ''));
		t.append(row);
	}
	return t;
}

function section(title: string, chart: Element, bars: readonly UsageBar[], report: UsageReportView): HTMLElement {
	const box = el('section', 'card');
	box.append(el('h2', undefined, title), chart);
	const details = el('details', 'table-alt');
	details.append(el('summary', undefined, report.tableToggle), table(bars, title, report));
	box.append(details);
	return box;
}

function render(report: UsageReportView): void {
	const header = el('header');
	const refresh = el('button', 'refresh', '⟳');
	refresh.title = report.refresh;
	refresh.setAttribute('aria-label', report.refresh);
	refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
	header.append(el('h1', undefined, report.title), refresh);
	const figures = el('div', 'figures');
	for (const figure of report.figures) {
		const box = el('div', 'figure');
		box.append(el('div', 'figure-value', figure.value), el('div', 'figure-label', figure.label));
		figures.append(box);
	}
	const nodes: Node[] = [header, figures];
	if (report.empty) {
		nodes.push(el('p', 'empty', report.empty));
	} else {
		const grid = el('div', 'grid');
		grid.append(
			section(report.byModelTitle, barList(report.byModel, 'tone-model'), report.byModel, report),
			section(report.byFeatureTitle, barList(report.byFeature, 'tone-feature'), report.byFeature, report),
		);
		const forecast = section(report.forecastTitle, barList(report.forecast, 'tone-forecast'), report.forecast, report);
		forecast.append(el('p', 'note', report.forecastNote));
		nodes.push(section(report.perDayTitle, columnChart(report.perDay, report.perDayTitle), report.perDay, report), grid, forecast);
	}
	nodes.push(el('p', 'note', report.note));
	app.replaceChildren(...nodes);
	document.body.dataset.ready = 'true';
}

window.addEventListener('message', (event: MessageEvent<UsageHostMessage>) => {
	const message = event.data;
	if (typeof message === 'object' && message !== null && message.type === 'report') {
		render(message.report);
	}
});
vscode.postMessage({ type: 'ready' });
