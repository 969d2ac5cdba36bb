import * as vscode from 'vscode';

/**
 * A read-only virtual file system registered in the real host, standing for a remote or virtual
 * workspace: files live in memory, `stat` may claim any size, and every `readFile` is recorded.
 */
export class MemoryImageFs implements vscode.FileSystemProvider {
	static readonly scheme = 'aipass-test-memfs';
	readonly reads: string[] = [];
	private readonly files = new Map<string, { data: Uint8Array; size: number }>();
	private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
	readonly onDidChangeFile = this.changes.event;
	private readonly read = new vscode.EventEmitter<string>();
	/** Fires in `readFile`, before the bytes are handed over. */
	readonly onDidRead = this.read.event;

	/** `size` overrides what `stat` reports (a huge file without the bytes). */
	add(path: string, data: Uint8Array, size = data.length): void {
		this.files.set(path, { data, size });
	}

	stat(uri: vscode.Uri): vscode.FileStat {
		const file = this.files.get(uri.path);
		if (!file) {
			throw vscode.FileSystemError.FileNotFound(uri);
		}
		return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: file.size };
	}

	readFile(uri: vscode.Uri): Uint8Array {
		this.reads.push(uri.path);
		this.read.fire(uri.path);
		const file = this.files.get(uri.path);
		if (!file) {
			throw vscode.FileSystemError.FileNotFound(uri);
		}
		return file.data;
	}

	watch(): vscode.Disposable {
		return new vscode.Disposable(() => undefined);
	}

	readDirectory(): [string, vscode.FileType][] {
		return [...this.files.keys()].map(path => [path.slice(1), vscode.FileType.File]);
	}

	createDirectory(uri: vscode.Uri): void {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	writeFile(uri: vscode.Uri): void {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	delete(uri: vscode.Uri): void {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	rename(uri: vscode.Uri): void {
		throw vscode.FileSystemError.NoPermissions(uri);
	}
}
