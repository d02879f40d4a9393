// The manifest delete dialog against the emulator's demo: team/app/api's untagged
// linux/arm64 manifest is a platform of the index tagged 1.0. The dialog names the index and
// deletes nothing until the user chooses to delete the index too or to break it.

#include "dialogtest.h"

#include <QRadioButton>

using namespace Berth;
using namespace Berth::Test;

class tst_DeleteReferences : public DialogTest
{
    Q_OBJECT

    const QString m_repo = QStringLiteral("team/app/api");
    ManifestInfo m_arm;
    ManifestInfo m_index;

    int deleteRequests() const
    {
        int n = 0;
        for (const auto &r : m_emu->requests())
            n += r.method == "DELETE" ? 1 : 0;
        return n;
    }
    bool exists(const QString &digest)
    {
        return bool(await(m_client->getManifestInfo(m_repo, digest)));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(startEmulator());
        const Result<QList<ManifestInfo>> manifests = await(m_client->listManifests(m_repo));
        BERTH_VERIFY_OK(manifests);
        for (const ManifestInfo &m : *manifests) {
            if (m.architecture == u"arm64" && m.tags.isEmpty())
                m_arm = m;
            if (m.tags.contains(u"1.0"))
                m_index = m;
        }
        QVERIFY(!m_arm.digest.isEmpty() && !m_index.digest.isEmpty());
    }

    void aPlatformOfAnIndexIsNotDeletedWithoutAChoice()
    {
        DeleteDialog dialog(m_client.get(), m_repo, m_arm);
        QSignalSpy deleted(&dialog, &DeleteDialog::deleted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *text = child<QLabel>(&dialog, "referencesText");
        QVERIFY(text);
        QTRY_VERIFY_WITH_TIMEOUT(text->isVisible(), Wait);
        QVERIFY2(text->text().contains(DialogText::shortDigest(m_index.digest)),
                 qPrintable(text->text()));
        QVERIFY2(text->text().contains(u"(tags: 1.0)"), qPrintable(text->text()));
        auto *button = child<QPushButton>(&dialog, "deleteButton");
        QVERIFY(!button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QCOMPARE(deleteRequests(), 0);

        auto *breakIt = child<QRadioButton>(&dialog, "breakIndexesChoice");
        QVERIFY(breakIt->isVisible() && !breakIt->isChecked());
        QVERIFY(!child<QRadioButton>(&dialog, "deleteIndexesChoice")->isChecked());
        breakIt->click();
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, Wait);
        const auto items = deleted.first().first().value<DeletedItems>();
        QCOMPARE(items.manifests, QStringList{m_arm.digest});
        QVERIFY(!exists(m_arm.digest));
        QVERIFY(exists(m_index.digest));
    }

    void choosingToDeleteTheIndexDeletesItFirst()
    {
        DeleteDialog dialog(m_client.get(), m_repo, m_arm);
        QSignalSpy deleted(&dialog, &DeleteDialog::deleted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *withIndex = child<QRadioButton>(&dialog, "deleteIndexesChoice");
        QVERIFY(withIndex);
        QTRY_VERIFY_WITH_TIMEOUT(withIndex->isVisible(), Wait);
        QVERIFY2(withIndex->text().contains(u"1.0"), qPrintable(withIndex->text()));
        withIndex->click();
        QTest::mouseClick(child<QPushButton>(&dialog, "deleteButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, Wait);
        const auto items = deleted.first().first().value<DeletedItems>();
        QCOMPARE(items.manifests, (QStringList{m_index.digest, m_arm.digest}));
        QCOMPARE(items.tags, QStringList{QStringLiteral("1.0")});
        QTRY_VERIFY(!dialog.isVisible());
        QVERIFY(!exists(m_index.digest));
        QVERIFY(!exists(m_arm.digest));
        // The index went before its platform.
        QStringList order;
        for (const auto &r : m_emu->requests()) {
            if (r.method == "DELETE" && r.status < 300)
                order << r.path.section(u'/', -1);
        }
        QCOMPARE(order, (QStringList{m_index.digest, m_arm.digest}));
    }

    void deletePressedWhileCheckingWaitsForTheAnswer()
    {
        DeleteDialog dialog(m_client.get(), m_repo, m_arm);
        QSignalSpy deleted(&dialog, &DeleteDialog::deleted);
        // Before the event loop ran: the check has not answered yet.
        child<QPushButton>(&dialog, "deleteButton")->click();
        dialog.show();
        auto *text = child<QLabel>(&dialog, "referencesText");
        QVERIFY(text);
        QTRY_VERIFY_WITH_TIMEOUT(text->isVisible(), Wait);
        QTRY_VERIFY(message(&dialog)->text().contains(u"Nothing was deleted"));
        QVERIFY(!child<QPushButton>(&dialog, "deleteButton")->isEnabled());
        QCOMPARE(deleteRequests(), 0);
        QCOMPARE(deleted.count(), 0);
    }

    void anUnreferencedManifestIsDeletedOnceChecked()
    {
        DeleteDialog dialog(m_client.get(), m_repo, m_index);
        QSignalSpy deleted(&dialog, &DeleteDialog::deleted);
        child<QPushButton>(&dialog, "deleteButton")->click();
        dialog.show();
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, Wait);
        QVERIFY(!child<QLabel>(&dialog, "referencesText")->isVisibleTo(&dialog));
        QVERIFY(!exists(m_index.digest));
    }

    void aTagDeleteIsNotChecked()
    {
        // 1.0-amd64 names a platform of 1.0: the tag goes, the manifest stays reachable.
        const Result<TagInfo> amd = tag(m_repo, QStringLiteral("1.0-amd64"));
        BERTH_VERIFY_OK(amd);
        const auto listings = [this] {
            int n = 0;
            for (const auto &r : m_emu->requests())
                n += r.path.contains(u"/_manifests") ? 1 : 0;
            return n;
        };
        const int before = listings();
        DeleteDialog dialog(m_client.get(), m_repo, QList<TagInfo>{*amd});
        QSignalSpy deleted(&dialog, &DeleteDialog::deleted);
        dialog.show();
        QVERIFY(child<QPushButton>(&dialog, "deleteButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(&dialog, "deleteButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, Wait);
        QCOMPARE(listings(), before);
        QVERIFY(exists(amd->digest));
    }
};

QTEST_MAIN(tst_DeleteReferences)
#include "tst_deletereferences.moc"
