/**
 * Discussions end to end (issue 6): a Champion opens the demo discussion in French and answers question 2 on a
 * paragraph of the six-step chapter (with JavaScript on, and again with it off); a moderator approves the comment
 * and an editor marks it addressed in a new revision of the page (both through the rules of
 * feedback/discussions/, run by `manage.py shell` as the demo `moderator` and `editor`); an anonymous
 * reader then sees the status beside the paragraph. Also: anonymous readers get no post form, per-field errors,
 * replies, flagging, and axe-core on every new route in en/fr/es.
 */
import { axe, clickAndLoad, type Stack, expect, present, test } from './fixtures.ts';
import { CHAMPION, type DiscussionInfo, LANGS, STAKEHOLDER, addressInAdmin, answerQuestionTwo, approve, approveInAdmin, discussions, django, markAddressed, signInAs, sixStep, useStack } from './discussion-steps.ts';

let stack: Stack;

test.describe('discussions', () => {
  test.beforeAll(async ({ stack: started }) => {
    stack = started;
    useStack(started);
    for (const lang of LANGS) {
      const list = (await (await fetch(`${stack.site}/api/v1/discussions/?locale=${lang}&status=open`)).json()) as { items: { id: number }[] };
      const first = list.items[0];
      present(first, `the demo discussion exists in ${lang}`);
      discussions.set(lang, (await (await fetch(`${stack.site}/api/v1/discussions/${first.id}/`)).json()) as DiscussionInfo);
    }
  });

  // First of the suite: the site keeps a discussion for 30 s once read, and this one must be read after the change.
  test('an extension and a question added during the window show in every language at once, JavaScript off (issue 15)', async () => {
    const english = discussions.get('en');
    present(english);
    // Recorded on the English discussion only, as an editor and a moderator do in the admin; no sync is run.
    django(`
from datetime import UTC, date, datetime
from django.contrib.auth import get_user_model
from feedback import discussions
from feedback.models import Discussion
d = Discussion.objects.get(pk=${english.id})
discussions.extend(d, datetime(2031, 4, 16, 21, 59, tzinfo=UTC), "", date(2030, 12, 20))
discussions.add_question(get_user_model().objects.get(username="moderator"), d, "Which partners took part in your pilot?")
`);
    const expected: [(typeof LANGS)[number], RegExp, RegExp][] = [
      ['en', /Extended to (16 April 2031|April 16, 2031) \(decided on (20 December 2030|December 20, 2030)\)/, /added on/],
      ['fr', /Prolongée jusqu.au 16 avril 2031 \(décision du 20 décembre 2030\)/, /ajoutée le/],
      ['es', /Prorrogado hasta el 16 de abril de 2031/, /añadida el/],
    ];
    const failures: string[] = [];
    const context = await stack.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // axe runs in the page, so it reads the same pages in a context of its own that runs JavaScript.
    const audited = await stack.browser.newContext();
    const auditPage = await audited.newPage();
    for (const [lang, extended, added] of expected) {
      const info = discussions.get(lang);
      present(info);
      await page.goto(`${stack.site}/${lang}/discussions/${info.id}/`);
      await expect(page.locator('.discussion-extension')).toHaveText(extended, { useInnerText: true });
      await expect(page.locator('.discussion-state')).toHaveText(/2031/, { useInnerText: true });
      const last = page.locator('ol.questions > li').last();
      await expect(last).toHaveText(/Which partners took part in your pilot\?/, { useInnerText: true });
      await expect(last).toHaveText(added, { useInnerText: true });
      await auditPage.goto(`${stack.site}/${lang}/discussions/${info.id}/`);
      await axe(auditPage, `/${lang}/discussions/${info.id}/ (extended)`, failures);
    }
    await context.close();
    await audited.close();
    expect(failures).toEqual([]);
  });

  test('anonymous readers see the discussion and why they cannot post, and no post form', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    const info = discussions.get('fr');
    present(info);
    await page.goto(`${stack.site}/fr/discussions/`);
    await expect(page.locator('main')).toHaveText(/Discussions ouvertes/, { useInnerText: true });
    await clickAndLoad(page, `a[href="/fr/discussions/${info.id}/"]`);
    const main = await page.locator('main').innerText();
    expect(main).toMatch(/Ouverte jusqu'au \d{1,2} \S+ 20\d\d/);
    expect(main).toMatch(/Questions directrices/);
    expect(main).toMatch(/publiée le/);
    await expect(page.locator('form.comment-form')).toHaveCount(0);
    await expect(page.locator('.take-part')).toHaveText(/Connectez-vous pour participer/, { useInnerText: true });
    await page.goto(`${stack.site}${sixStep(info).path}`);
    await expect(page.locator('form.comment-form'), 'no post form for anonymous readers').toHaveCount(0);
    await expect(page.locator('#discussion h2')).toBeVisible();
    await expect(page.locator('#take-part a[href^="/fr/account/signin/"]')).toHaveCount(1);
    const response = await fetch(`${stack.site}/fr/discussions/999999/`);
    expect(response.status).toBe(404);
    expect((await fetch(`${stack.site}/fr/discussions/abc/`)).status).toBe(404);
    await context.close();
  });

  test('a stakeholder is told that only Champions may post', async () => {
    const context = await stack.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, 'es', STAKEHOLDER);
    const info = discussions.get('es');
    present(info);
    await page.goto(`${stack.site}/es/discussions/${info.id}/`);
    await expect(page.locator('form.comment-form')).toHaveCount(0);
    await expect(page.locator('.take-part')).toHaveText(/Solo los Champions pueden publicar/, { useInnerText: true });
    await context.close();
  });

  test('errors are shown beside their field, and the text is kept', async () => {
    const context = await stack.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, 'fr', CHAMPION);
    const info = discussions.get('fr');
    present(info);
    await page.goto(`${stack.site}${sixStep(info).path}`);
    const form = page.locator('#take-part form.comment-form');
    await form.locator('#comment-body').fill('Un texte sans question');
    await clickAndLoad(page, form.locator('button[type="submit"]'));
    await expect(page).toHaveURL(new RegExp(`/fr/discussions/${info.id}/comment/$`));
    await expect(page.locator('.error-summary')).toHaveText(/Choisissez l'une des questions/, { useInnerText: true });
    await expect(page.locator('#comment-question')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#comment-body')).toHaveValue('Un texte sans question');
    await context.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`a Champion answers question 2 on a paragraph in French; moderated, then addressed (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const marker = `E2E-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}`;
      const body = `Étape 2 : préciser qui coordonne. <script>alert("x")</script> ${marker}`;
      const context = await stack.browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await signInAs(page, 'fr', CHAMPION);
      const info = discussions.get('fr');
      present(info);
      const question = info.questions.find((entry) => entry.number === 2);
      present(question);
      const { blockId } = await answerQuestionTwo(page, 'fr', body);
      const url = new URL(page.url());
      expect(url.pathname).toBe(sixStep(info).path);
      expect(url.searchParams.get('notice')).toBe('comment-pending');
      expect(url.hash).toBe(`#question-${question.id}`);
      await expect(page.locator('.notice-ok')).toHaveText(/en attente de modération/, { useInnerText: true });
      await expect(page.getByText(marker), 'not shown before a moderator approves it').toHaveCount(0);

      // with JavaScript on, the moderator and the editor work in the admin; the other run uses the same rules from the shell
      const commentId = javaScriptEnabled ? await approveInAdmin(marker) : approve(marker);
      expect(commentId > 0).toBeTruthy();
      const reader = await stack.browser.newContext({ javaScriptEnabled });
      const anonymous = await reader.newPage();
      await anonymous.goto(`${stack.site}${sixStep(info).path}`);
      const beside = anonymous.locator(`#block-${blockId} #comment-${commentId}`);
      await expect(beside, 'the comment is beside the paragraph it addresses').toHaveCount(1);
      const text = await beside.innerText();
      expect(text.includes('<script>alert("x")</script>'), 'the body is shown as text').toBeTruthy();
      await expect(anonymous.locator('#discussion script, .comment script')).toHaveCount(0);
      expect(text).toMatch(/Amina \(demo Champion\)/);
      expect(text).toMatch(/Mexique|Mexico|MX/);
      expect(text).toMatch(/Écrit en français/);
      expect(text).toMatch(/Nouveau/);
      await expect(anonymous.locator(`#question-${question.id} a[href="#comment-${commentId}"]`), 'its question links to it').toHaveCount(1);

      const response = `Rôle du coordinateur précisé ${marker}`;
      const revision = javaScriptEnabled ? await addressInAdmin(commentId, info.id, response) : markAddressed(commentId, response);
      expect(revision > 0).toBeTruthy();
      // a new address: the page is publicly cacheable for 60 s, and this browser keeps the copy it saw before
      await anonymous.goto(`${stack.site}${sixStep(info).path}?after=triage`);
      const status = await anonymous.locator(`#comment-${commentId} .triage`).innerText();
      expect(status).toMatch(/Pris en compte/);
      expect(status).toMatch(/Réponse de la rédaction/);
      expect(status.includes(response)).toBeTruthy();
      expect(status).toMatch(new RegExp(`révision ${revision}`));
      await anonymous.goto(`${stack.site}/fr/discussions/${info.id}/`);
      await expect(anonymous.locator(`#question-${question.id}`)).toHaveText(/Pris en compte/, { useInnerText: true });
      await reader.close();

      if (javaScriptEnabled) {
        // the Champion replies; the reply waits for moderation too, then shows nested under the comment
        await page.goto(`${stack.site}${sixStep(info).path}`);
        await clickAndLoad(page, `#comment-${commentId} .comment-actions a`);
        await expect(page.locator('.reply-context')).toHaveText(new RegExp(marker), { useInnerText: true });
        await page.fill('#comment-body', `Réponse ${marker}-reply`);
        await clickAndLoad(page, 'form.comment-form button[type="submit"]');
        expect(new URL(page.url()).searchParams.get('notice')).toBe('comment-pending');
        approve(`${marker}-reply`);
        await page.goto(`${stack.site}${sixStep(info).path}`);
        await expect(page.locator(`#comment-${commentId} .replies`)).toHaveText(new RegExp(`${marker}-reply`), { useInnerText: true });
      }
      await context.close();
    });
  }

  test('a signed-in reader flags a comment with a POST form', async () => {
    const context = await stack.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, 'fr', STAKEHOLDER);
    const info = discussions.get('fr');
    present(info);
    await page.goto(`${stack.site}${sixStep(info).path}`);
    const flag = page.locator('form.flag-form button').first();
    await expect(flag, 'approved comments from the tests above are there to flag').not.toHaveCount(0);
    await clickAndLoad(page, flag);
    expect(new URL(page.url()).searchParams.get('notice')).toBe('flagged');
    await expect(page.locator('.notice-ok')).toHaveText(/modérateurs examineront/, { useInnerText: true });
    await context.close();
  });

  test('closed and coming discussions say so, with their date in the reader language, and take no post', async () => {
    const ids = django(`
from datetime import UTC, datetime
from wagtail.models import Locale
from feedback.models import Discussion, DiscussionQuestion
fr = Locale.objects.get(language_code="fr")
made = []
for title, opens, closes in (("Close (e2e)", datetime(2021, 2, 26, tzinfo=UTC), datetime(2021, 3, 26, tzinfo=UTC)), ("À venir (e2e)", datetime(2031, 2, 26, tzinfo=UTC), datetime(2031, 3, 26, tzinfo=UTC))):
    d = Discussion(locale=fr, title=title, introduction="", opens_at=opens, closes_at=closes)
    d.questions = [DiscussionQuestion(text="Question ?", posted_at=opens, locale=fr)]
    d.save()
    made.append(str(d.pk))
print(" ".join(made))
`).split('\n').pop() ?? '';
    const [closed, coming] = ids.split(' ');
    const context = await stack.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, 'fr', CHAMPION);
    await page.goto(`${stack.site}/fr/discussions/${closed}/`);
    await expect(page.locator('.discussion-state')).toHaveText(/Cette discussion a été close le 26 mars 2021/, { useInnerText: true });
    await expect(page.locator('form.comment-form'), 'no form once closed, even for a Champion').toHaveCount(0);
    await expect(page.locator('.take-part')).toHaveText(/close le 26 mars 2021/, { useInnerText: true });
    await page.goto(`${stack.site}/fr/discussions/${coming}/`);
    await expect(page.locator('.take-part')).toHaveText(/Cette discussion ouvre le 26 février 2031/, { useInnerText: true });
    await expect(page.locator('form.comment-form')).toHaveCount(0);
    await context.close();
  });

  test('the discussion routes load no script', async () => {
    const info = discussions.get('en');
    present(info);
    for (const path of ['/en/discussions/', `/en/discussions/${info.id}/`, sixStep(info).path]) {
      const response = await fetch(`${stack.site}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).not.toMatch(/<script/i);
    }
  });

  test('axe-core finds nothing on the discussion routes in en, fr and es', async () => {
    const failures: string[] = [];
    for (const lang of LANGS) {
      const info = discussions.get(lang);
      present(info);
      const anonymous = await stack.browser.newContext();
      const page = await anonymous.newPage();
      for (const path of [`/${lang}/discussions/`, `/${lang}/discussions/${info.id}/`, sixStep(info).path]) {
        await page.goto(`${stack.site}${path}`);
        await axe(page, `${path} (anonymous)`, failures);
      }
      await anonymous.close();
      const champion = await stack.browser.newContext();
      const signed = await champion.newPage();
      await signInAs(signed, lang, CHAMPION);
      await signed.goto(`${stack.site}${sixStep(info).path}`);
      await expect(signed.locator('#take-part form.comment-form')).toHaveCount(1);
      await axe(signed, `${sixStep(info).path} (Champion)`, failures);
      await signed.goto(`${stack.site}/${lang}/discussions/${info.id}/`);
      await axe(signed, `/${lang}/discussions/${info.id}/ (Champion)`, failures);
      await clickAndLoad(signed, '#take-part form.comment-form button[type="submit"]');
      await expect(signed.locator('.error-summary')).toBeVisible();
      await axe(signed, `/${lang}/discussions/${info.id}/comment/ (errors)`, failures);
      await champion.close();
    }
    expect(failures).toEqual([]);
  });
});
