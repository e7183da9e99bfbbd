def test_demo_discussion_exists(discussion, french_discussion):
    assert discussion.questions.count() == 3
    assert french_discussion.questions.count() == 3
    assert french_discussion.discussion_pages.first().page.locale.language_code == "fr"
