import { initMessage, openChatWebviewPage } from '../e2e/chatWebviewPage';
import { launchChromium } from '../host/browser';
import { buildAnswer, chunksOf } from './render.bench';
const manualFrames = `window.__frameQueue = [];
window.requestAnimationFrame = callback => window.__frameQueue.push(callback);
window.__runFrames = () => { const queue = window.__frameQueue; window.__frameQueue = []; for (const cb of queue) cb(performance.now()); };`;
(async () => {
	const browser = await launchChromium();
	const chat = await openChatWebviewPage(browser, { beforeLoad: manualFrames });
	await chat.host(initMessage());
	await chat.page.evaluate('window.__runFrames()');
	const chunks = chunksOf(buildAnswer(Number(process.argv[2] ?? 400) * 1024));
	const noScroll = process.argv[3] === 'noscroll';
	const result = await chat.page.evaluate(`(async ({ chunks, noScroll }) => {
		const yieldNow = () => new Promise(resolve => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(); c.port2.postMessage(0); });
		if (noScroll) { const t = document.querySelector('.transcript'); t.dispatchEvent(new Event('scroll')); t.scrollTop = 0; t.style.overflow='hidden'; }
		window.dispatchEvent(new MessageEvent('message', { data: { type: 'messageAdded', message: { id: 'b', role: 'assistant', text: '', model: 'b', status: 'streaming' } } }));
		window.__runFrames();
		const times = [];
		let offset = 0;
		for (const text of chunks) {
			const s = performance.now();
			window.dispatchEvent(new MessageEvent('message', { data: { type: 'delta', messageId: 'b', offset, text } }));
			window.__runFrames();
			times.push(performance.now() - s);
			offset += text.length;
			await yieldNow();
		}
		const n = times.length, tenth = Math.floor(n / 10);
		const avg = a => a.reduce((x, y) => x + y, 0) / a.length;
		return { deciles: Array.from({length: 10}, (_, d) => +avg(times.slice(d*tenth, (d+1)*tenth)).toFixed(2)), max: Math.max(...times).toFixed(1), over5: times.filter(t => t > 5).length, nodes: document.querySelectorAll('*').length, blocks: document.querySelectorAll('.md-block').length };
	})(${JSON.stringify({ chunks, noScroll })})`);
	console.log(JSON.stringify(result));
	await browser.close();
})();
