// LockDialog and DeleteDialog against the ACR emulator: what is sent, what is emitted, what is
// refused.

#include "dialogtest.h"

using namespace Berth;
using namespace Berth::Test;

class tst_LockDeleteDialogs : public DialogTest
{
    Q_OBJECT

private Q_SLOTS:
    // --- LockDialog ---------------------------------------------------------------------

    void lockTagThenDeleteIsRefused()
    {
        const Result<TagInfo> latest = tag(QStringLiteral("hello-world"), QStringLiteral("latest"));
        BERTH_VERIFY_OK(latest);
        QCOMPARE(latest->attributes.writeEnabled, true);

        LockDialog dialog(m_client.get(), QStringLiteral("hello-world"), {*latest});
        QSignalSpy updated(&dialog, &LockDialog::tagsUpdated);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *write = child<QCheckBox>(&dialog, "writeCheck");
        QCOMPARE(write->checkState(), Qt::Checked);
        QVERIFY(!write->isTristate());
        QVERIFY(!write->toolTip().isEmpty()); // what it means
        QVERIFY(dialog.changes().isEmpty());

        QTest::mouseClick(write, Qt::LeftButton);
        QCOMPARE(write->checkState(), Qt::Unchecked);
        ChangeableAttributes expected;
        expected.writeEnabled = false;
        QCOMPARE(dialog.changes(), expected); // only what the user changed

        m_emu->clearRequests();
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QVERIFY(dialog.isApplying());
        QVERIFY(!okButton(&dialog)->isEnabled());
        QVERIFY(!child<QWidget>(&dialog, "progress")->isHidden());

        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, Wait);
        const auto tags = updated.first().first().value<QList<TagInfo>>();
        QCOMPARE(tags.size(), 1);
        QCOMPARE(tags.first().name, QStringLiteral("latest"));
        QCOMPARE(tags.first().attributes.writeEnabled, false);
        QCOMPARE(tags.first().attributes.deleteEnabled, true);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        int patches = 0;
        for (const AcrEmulator::RecordedRequest &r : m_emu->requests())
            patches += r.method == "PATCH" && r.status == 200 ? 1 : 0;
        QCOMPARE(patches, 1);

        // The registry now refuses to delete it.
        const Result<Done> deleted
            = await(m_client->deleteTag(QStringLiteral("hello-world"), QStringLiteral("latest")));
        QVERIFY(!deleted);
        QCOMPARE(deleted.error().httpStatus, 405);
    }

    void lockSeveralTagsShowsMixedValues()
    {
        const QString web = QStringLiteral("team/app/web");
        m_emu->setTagAttributes(web, QStringLiteral("2.3.0"),
                                {{QStringLiteral("deleteEnabled"), false}});
        const Result<QList<TagInfo>> tags = await(m_client->listTags(web));
        BERTH_VERIFY_OK(tags);
        QCOMPARE(tags->size(), 3);

        LockDialog dialog(m_client.get(), web, *tags);
        QSignalSpy updated(&dialog, &LockDialog::tagsUpdated);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *del = child<QCheckBox>(&dialog, "deleteCheck");
        auto *write = child<QCheckBox>(&dialog, "writeCheck");
        QCOMPARE(del->checkState(), Qt::PartiallyChecked); // the selection disagrees
        QCOMPARE(write->checkState(), Qt::Checked);
        QVERIFY(dialog.changes().isEmpty());

        QTest::mouseClick(del, Qt::LeftButton); // mixed -> on
        QCOMPARE(del->checkState(), Qt::Checked);
        QTest::mouseClick(write, Qt::LeftButton);
        m_emu->clearRequests();
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, Wait);
        const auto changed = updated.first().first().value<QList<TagInfo>>();
        QCOMPARE(changed.size(), 3);
        for (const TagInfo &t : changed) {
            QCOMPARE(t.attributes.writeEnabled, false);
            QCOMPARE(t.attributes.deleteEnabled, true);
        }
        QTRY_VERIFY(!dialog.isVisible());

        const Result<QList<TagInfo>> after = await(m_client->listTags(web));
        BERTH_VERIFY_OK(after);
        for (const TagInfo &t : *after) {
            QCOMPARE(t.attributes.writeEnabled, false);
            QCOMPARE(t.attributes.deleteEnabled, true);
        }
    }

    void lockSeveralTagsPatchesOnlyThoseThatDiffer()
    {
        const QString web = QStringLiteral("team/app/web");
        m_emu->setTagAttributes(web, QStringLiteral("2.3.0"),
                                {{QStringLiteral("deleteEnabled"), false}});
        const Result<QList<TagInfo>> tags = await(m_client->listTags(web));
        BERTH_VERIFY_OK(tags);

        LockDialog dialog(m_client.get(), web, *tags);
        QSignalSpy updated(&dialog, &LockDialog::tagsUpdated);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(child<QCheckBox>(&dialog, "deleteCheck"), Qt::LeftButton);
        m_emu->clearRequests();
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, Wait);
        const auto changed = updated.first().first().value<QList<TagInfo>>();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().name, QStringLiteral("2.3.0"));
        QCOMPARE(changed.first().attributes.deleteEnabled, true);
        int patches = 0;
        for (const AcrEmulator::RecordedRequest &r : m_emu->requests())
            patches += r.method == "PATCH" && r.status == 200 ? 1 : 0;
        QCOMPARE(patches, 1);
    }

    void refusedPatchIsShown()
    {
        m_emu->addUser(QStringLiteral("reader"), QStringLiteral("pw"),
                       {QStringLiteral("pull"), QStringLiteral("metadata_read")});
        auto reader = makeClient(
            m_emu->url(), Credentials::password(QStringLiteral("reader"), QStringLiteral("pw")));
        const Result<TagInfo> v1
            = await(reader->getTag(QStringLiteral("hello-world"), QStringLiteral("v1")));
        BERTH_VERIFY_OK(v1);

        LockDialog dialog(reader.get(), QStringLiteral("hello-world"), {*v1});
        QSignalSpy updated(&dialog, &LockDialog::tagsUpdated);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(child<QCheckBox>(&dialog, "writeCheck"), Qt::LeftButton);
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(showsError(&dialog), Wait);
        QVERIFY2(message(&dialog)->text().contains(u"metadata_write"),
                 qPrintable(message(&dialog)->text()));
        QVERIFY(message(&dialog)->text().contains(u"v1: "));
        QVERIFY(dialog.isVisible());
        QVERIFY(okButton(&dialog)->isEnabled()); // can try again
        QVERIFY(!dialog.isApplying());
        QCOMPARE(updated.count(), 0);

        const Result<TagInfo> after = tag(QStringLiteral("hello-world"), QStringLiteral("v1"));
        BERTH_VERIFY_OK(after);
        QCOMPARE(after->attributes.writeEnabled, true);
    }

    void lockPartlyRefusedEmitsWhatChanged()
    {
        const QString web = QStringLiteral("team/app/web");
        const Result<QList<TagInfo>> tags = await(m_client->listTags(web));
        BERTH_VERIFY_OK(tags);
        QCOMPARE(tags->size(), 3);
        // One tag disappears after the view loaded it: its PATCH fails, the others go through.
        BERTH_VERIFY_OK(await(m_client->deleteTag(web, QStringLiteral("2.3.0"))));

        LockDialog dialog(m_client.get(), web, *tags);
        QSignalSpy updated(&dialog, &LockDialog::tagsUpdated);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(child<QCheckBox>(&dialog, "writeCheck"), Qt::LeftButton);
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, Wait);
        const auto changed = updated.first().first().value<QList<TagInfo>>();
        QCOMPARE(changed.size(), 2);
        QVERIFY(findTag(changed, QStringLiteral("2.3.0")).name.isEmpty());
        QVERIFY(showsError(&dialog));
        QVERIFY2(message(&dialog)->text().contains(u"2.3.0: "),
                 qPrintable(message(&dialog)->text()));
        QVERIFY(dialog.isVisible());

        // Apply again retries only the one that failed.
        m_emu->clearRequests();
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isApplying(), Wait);
        QVERIFY(showsError(&dialog));
        QCOMPARE(updated.count(), 1);
        int patches = 0;
        for (const AcrEmulator::RecordedRequest &r : m_emu->requests())
            patches += r.method == "PATCH" ? 1 : 0;
        QCOMPARE(patches, 1);
    }

    void closingTheDeleteDialogWhileDeletingAborts()
    {
        const Result<TagInfo> v1 = tag(QStringLiteral("hello-world"), QStringLiteral("v1"));
        BERTH_VERIFY_OK(v1);
        auto *dialog = new DeleteDialog(m_client.get(), QStringLiteral("hello-world"), {*v1});
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QTest::mouseClick(child<QPushButton>(dialog, "deleteButton"), Qt::LeftButton);
        QVERIFY(dialog->isDeleting());
        QTest::keyClick(dialog, Qt::Key_Escape);
        QVERIFY(!dialog->isVisible());
        delete dialog; // with its requests still on the way
        QVERIFY(
            waitForJobsToEnd<RegistryJob>(m_client.get())); // they end without touching the dialog
        BERTH_VERIFY_OK(await(m_client->listTags(QStringLiteral("hello-world"))));
    }

    void lockRepositoryAndManifest()
    {
        const QString web = QStringLiteral("team/app/web");
        const Result<RepositoryInfo> repo = await(m_client->getRepository(web));
        BERTH_VERIFY_OK(repo);
        {
            LockDialog dialog(m_client.get(), *repo);
            QSignalSpy updated(&dialog, &LockDialog::repositoryUpdated);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QTest::mouseClick(child<QCheckBox>(&dialog, "deleteCheck"), Qt::LeftButton);
            QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, Wait);
            const auto info = updated.first().first().value<RepositoryInfo>();
            QCOMPARE(info.name, web);
            QCOMPARE(info.attributes.deleteEnabled, false);
        }
        const Result<QList<ManifestInfo>> manifests = await(m_client->listManifests(web));
        BERTH_VERIFY_OK(manifests);
        QVERIFY(!manifests->isEmpty());
        const ManifestInfo manifest = manifests->first();
        {
            LockDialog dialog(m_client.get(), web, manifest);
            QSignalSpy updated(&dialog, &LockDialog::manifestUpdated);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            // Keyboard: Tab to the read toggle, Space flips it.
            auto *read = child<QCheckBox>(&dialog, "readCheck");
            read->setFocus();
            QTest::keyClick(read, Qt::Key_Space);
            QCOMPARE(read->checkState(), Qt::Unchecked);
            QTest::keyClick(&dialog, Qt::Key_Return); // Apply is the default button
            QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, Wait);
            const auto info = updated.first().first().value<ManifestInfo>();
            QCOMPARE(info.digest, manifest.digest);
            QCOMPARE(info.attributes.readEnabled, false);
        }
    }

    void closingWhileApplyingAborts()
    {
        const Result<TagInfo> v1 = tag(QStringLiteral("hello-world"), QStringLiteral("v1"));
        BERTH_VERIFY_OK(v1);
        LockDialog dialog(m_client.get(), QStringLiteral("hello-world"), {*v1});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(child<QCheckBox>(&dialog, "listCheck"), Qt::LeftButton);
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QVERIFY(dialog.isApplying());
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isApplying(), Wait);
    }

    // --- DeleteDialog -------------------------------------------------------------------

    void deleteRepositoryNeedsTheNameTyped()
    {
        const QString web = QStringLiteral("team/app/web");
        DeleteDialog dialog(m_client.get(), web);
        QSignalSpy deleted(&dialog, &DeleteDialog::deleted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *confirm = child<QLineEdit>(&dialog, "confirmEdit");
        auto *button = child<QPushButton>(&dialog, "deleteButton");
        QVERIFY(!button->isEnabled());
        QTest::keyClicks(confirm, QStringLiteral("team/app/we"));
        QVERIFY(!button->isEnabled());
        QTest::keyClick(confirm, Qt::Key_Return); // must not delete
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.isDeleting());
        QTest::keyClicks(confirm, QStringLiteral("b "));
        QVERIFY(!button->isEnabled()); // exactly the name, nothing more
        QTest::keyClick(confirm, Qt::Key_Backspace);
        QVERIFY(button->isEnabled());
        QTest::keyClicks(confirm, QStringLiteral("X"));
        QTest::keyClick(confirm, Qt::Key_Backspace);
        QVERIFY(button->isEnabled());

        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!button->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, Wait);
        const auto items = deleted.first().first().value<DeletedItems>();
        QVERIFY(items.wholeRepository);
        QCOMPARE(items.repository, web);
        QVERIFY(items.tags.contains(QStringLiteral("latest")));
        QVERIFY(!items.manifests.isEmpty());
        QTRY_VERIFY(!dialog.isVisible());

        const Result<QStringList> repos = await(m_client->listRepositories());
        BERTH_VERIFY_OK(repos);
        QVERIFY(!repos->contains(web));
        QVERIFY(repos->contains(QStringLiteral("hello-world")));
    }

    void deleteLockedTagShowsRefusal()
    {
        const Result<TagInfo> v2 = tag(QStringLiteral("hello-world"), QStringLiteral("v2"));
        BERTH_VERIFY_OK(v2);
        QCOMPARE(v2->attributes.writeEnabled, false); // the demo locks it

        DeleteDialog dialog(m_client.get(), QStringLiteral("hello-world"), {*v2});
        QSignalSpy deleted(&dialog, &DeleteDialog::deleted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!child<QLabel>(&dialog, "lockWarning")->isHidden()); // said before trying
        QTest::mouseClick(child<QPushButton>(&dialog, "deleteButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(showsError(&dialog), Wait);
        const QString text = message(&dialog)->text();
        QVERIFY2(text.contains(u"deleteEnabled") && text.contains(u"writeEnabled"),
                 qPrintable(text));
        QVERIFY2(text.contains(u"disallowed"), qPrintable(text)); // the registry's own words
        QVERIFY(dialog.isVisible());
        QCOMPARE(deleted.count(), 0);
        BERTH_VERIFY_OK(tag(QStringLiteral("hello-world"), QStringLiteral("v2")));
    }

    void deleteSeveralTagsReportsWhatWasDeleted()
    {
        const Result<QList<TagInfo>> tags
            = await(m_client->listTags(QStringLiteral("hello-world")));
        BERTH_VERIFY_OK(tags);
        const QList<TagInfo> chosen{findTag(*tags, QStringLiteral("v1")),
                                    findTag(*tags, QStringLiteral("v2"))};
        DeleteDialog dialog(m_client.get(), QStringLiteral("hello-world"), chosen);
        QSignalSpy deleted(&dialog, &DeleteDialog::deleted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *list = child<QListWidget>(&dialog, "itemList");
        QCOMPARE(list->count(), 2);
        QTest::mouseClick(child<QPushButton>(&dialog, "deleteButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, Wait);
        const auto items = deleted.first().first().value<DeletedItems>();
        QCOMPARE(items.tags, QStringList{QStringLiteral("v1")});
        QVERIFY(!items.wholeRepository);
        QVERIFY(showsError(&dialog)); // v2 is locked
        QVERIFY(message(&dialog)->text().contains(u"v2: "));
        QCOMPARE(list->count(), 1); // what is left to try
        QCOMPARE(list->item(0)->text(), QStringLiteral("v2"));
        QVERIFY(dialog.isVisible());
    }

    void deleteManifestListsItsTags()
    {
        const QString web = QStringLiteral("team/app/web");
        const Result<QList<ManifestInfo>> manifests = await(m_client->listManifests(web));
        BERTH_VERIFY_OK(manifests);
        ManifestInfo latest;
        for (const ManifestInfo &m : *manifests) {
            if (m.tags.contains(QStringLiteral("latest")))
                latest = m;
        }
        QCOMPARE(latest.tags.size(), 2);

        DeleteDialog dialog(m_client.get(), web, latest);
        QSignalSpy deleted(&dialog, &DeleteDialog::deleted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *list = child<QListWidget>(&dialog, "itemList");
        QCOMPARE(list->count(), 2);
        QStringList shown;
        for (int i = 0; i < list->count(); ++i)
            shown.append(list->item(i)->text());
        QCOMPARE(shown, latest.tags);
        QTest::mouseClick(child<QPushButton>(&dialog, "deleteButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, Wait);
        const auto items = deleted.first().first().value<DeletedItems>();
        QCOMPARE(items.manifests, QStringList{latest.digest});
        QCOMPARE(items.tags, latest.tags);
        QTRY_VERIFY(!dialog.isVisible());
        const Result<TagInfo> gone = tag(web, QStringLiteral("latest"));
        QVERIFY(!gone);
    }
};

QTEST_MAIN(tst_LockDeleteDialogs)
#include "tst_lockdeletedialogs.moc"
