/**
 * Drives the VS Code workbench (code-server) in Debian's Chromium the way a person would: quick
 * open, the command palette, typing, hovering, reading panels and webviews. Selectors are the
 * workbench's own (VS Code 1.100).
 */
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export class VscodeDriver {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async open(url: string, folder: string): Promise<VscodeDriver> {
    const browser = await chromium.launch({ executablePath: DEBIAN_CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return new VscodeDriver(browser, page);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** Runs a command through the command palette (F1), by its title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Picks an item of an open quick pick by its label. */
  async pick(label: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(label);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Opens a workspace file by name with Quick Open and waits for its editor. */
  async openFile(name: string): Promise<Locator> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    // Click the match: Enter could take a recently opened file listed before the filter applied.
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
    const tab = this.page.locator('.editor-group-container.active .tabs-container .tab.active', { hasText: name });
    await tab.waitFor();
    const editor = this.page.locator('.editor-group-container.active .monaco-editor').first();
    await editor.locator('.view-lines').waitFor();
    return editor;
  }

  /** The rows of the Problems panel (opened if needed) once one contains `text`. */
  async problemsContaining(text: string, timeout = 60_000): Promise<string[]> {
    await this.runCommand('Problems: Focus on Problems View');
    await this.page.locator('.markers-panel .monaco-list-row', { hasText: text }).first().waitFor({ timeout });
    return this.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  }

  /** Hovers the first token whose text is exactly `token` in the editor and returns the hover widget. */
  async hoverToken(editor: Locator, text: string): Promise<Locator> {
    await this.page.keyboard.press('Escape');
    const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const token = editor.locator('.view-line span span').filter({ hasText: exact }).first();
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
    // The token's span is re-rendered as highlighting arrives, and a hover sometimes needs the
    // mouse to move once it is over the word: look the token up again on every attempt.
    for (let attempt = 0; attempt < 6; attempt++) {
      await token.waitFor();
      const box = await token.boundingBox();
      if (box === null) {
        await this.page.waitForTimeout(300);
        continue;
      }
      await this.page.mouse.move(box.x + Math.min(box.width / 2, 40) + attempt * 3, box.y + box.height / 2);
      try {
        await hover.waitFor({ state: 'visible', timeout: 8000 });
        return hover;
      } catch {
        await this.page.mouse.move(box.x, box.y - 200);
      }
    }
    await hover.waitFor({ state: 'visible', timeout: 5000 });
    return hover;
  }

  /** Replaces the first match of `find` in the active editor by typing over it (an unsaved edit). */
  async replaceFirst(find: string, replacement: string): Promise<void> {
    await this.page.keyboard.press('Control+F');
    const input = this.page
      .locator('.editor-group-container.active .find-widget textarea, .editor-group-container.active .find-widget input')
      .first();
    await input.waitFor({ state: 'visible' });
    await input.fill(find);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.type(replacement, { delay: 10 });
  }

  /** The visible lines of the active editor, one per line, with Monaco's non-breaking spaces as spaces. */
  async activeEditorText(): Promise<string> {
    const lines = await this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').allTextContents();
    return lines.map((l) => l.replace(/\u00a0/g, ' ')).join('\n');
  }

  /** Puts the cursor at the end of line `line` (1-based) with Go to Line. */
  async goToLineEnd(line: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('End');
  }

  /** The suggest widget's rows once one contains `label` (triggering suggest if it is not open). */
  async suggestionsContaining(label: string): Promise<string[]> {
    const row = this.page.locator('.suggest-widget .monaco-list-row', { hasText: label }).first();
    try {
      await row.waitFor({ timeout: 5000 });
    } catch {
      await this.page.keyboard.press('Control+Space');
      await row.waitFor({ timeout: 30_000 });
    }
    return this.page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
  }

  /** The content frame of the active webview (a webview is an iframe holding an iframe). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}
