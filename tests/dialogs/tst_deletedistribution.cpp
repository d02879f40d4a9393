// The delete dialog against a real CNCF distribution registry, which cannot delete a tag
// alone: a tag delete is offered as the delete of its manifest, naming all its tags, and a
// platform of an index is refused until the user chooses.

#include "dialogtest.h"
#include "fixtures/indexpush.h"
#include "fixtures/testutil.h"

#include <QRadioButton>

using namespace Berth;
using namespace Berth::Test;

class tst_DeleteDistribution : public QObject
{
    Q_OBJECT

    const QString m_repo = QStringLiteral("demo/multi");
    RealRegistry m_registry;
    QTemporaryDir m_dir;
    std::expected<OciLayout, QString> m_layout = std::unexpected(QString());
    std::unique_ptr<RegistryClient> m_client;

private Q_SLOTS:
    void init()
    {
        m_layout = startWithIndex(m_registry, m_dir.path(), m_repo,
                                  {QStringLiteral("latest"), QStringLiteral("1.0")});
        BERTH_VERIFY_EXPECTED(m_layout);
        m_client = makeClient(m_registry.url());
        const auto caps = await(m_client->check()); // as the window does before listing
        BERTH_VERIFY_OK(caps);
        QVERIFY(!caps->acr);
    }
    void cleanup()
    {
        m_client.reset();
        m_registry.stop();
    }

    void tagDeleteOffersTheManifestWithAllItsTags()
    {
        const auto tags = await(m_client->listTags(m_repo));
        BERTH_VERIFY_OK(tags);
        const TagInfo one = findTag(*tags, QStringLiteral("1.0"));
        QCOMPARE(one.name, QStringLiteral("1.0"));

        DeleteDialog dialog(m_client.get(), m_repo, QList<TagInfo>{one});
        QSignalSpy deleted(&dialog, &DeleteDialog::deleted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *button = child<QPushButton>(&dialog, "deleteButton");
        QVERIFY(!button->isEnabled()); // nothing to delete until the manifest is known
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), Wait);
        QCOMPARE(button->text(), QStringLiteral("&Delete manifest (tags: 1.0, latest)"));
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Delete Manifest"));
        auto *list = child<QListWidget>(&dialog, "itemList");
        QCOMPARE(list->count(), 2);
        QStringList texts;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            texts << label->text();
        QVERIFY2(texts.join(u'\n').contains(u"cannot delete a tag on its own"),
                 qPrintable(texts.join(u'\n')));

        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, Wait);
        const auto items = deleted.first().first().value<DeletedItems>();
        QCOMPARE(items.manifests, QStringList{m_layout->ref.digest});
        QCOMPARE(items.tags, (QStringList{QStringLiteral("1.0"), QStringLiteral("latest")}));
        QTRY_VERIFY(!dialog.isVisible());
        const auto gone = await(m_client->headManifest(m_repo, m_layout->ref.digest));
        BERTH_VERIFY_OK(gone);
        QVERIFY(!gone->has_value());
    }

    void aPlatformOfAnIndexWaitsForAChoice()
    {
        ManifestInfo arm;
        arm.digest = m_layout->images.at(1).manifest.digest;
        DeleteDialog dialog(m_client.get(), m_repo, arm);
        QSignalSpy deleted(&dialog, &DeleteDialog::deleted);
        dialog.show();
        auto *text = child<QLabel>(&dialog, "referencesText");
        QVERIFY(text);
        QTRY_VERIFY_WITH_TIMEOUT(text->isVisible(), Wait);
        QVERIFY2(text->text().contains(u"(tags: 1.0, latest)"), qPrintable(text->text()));
        QVERIFY(!child<QPushButton>(&dialog, "deleteButton")->isEnabled());
        child<QRadioButton>(&dialog, "breakIndexesChoice")->click();
        QTest::mouseClick(child<QPushButton>(&dialog, "deleteButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, Wait);
        const auto gone = await(m_client->headManifest(m_repo, arm.digest));
        BERTH_VERIFY_OK(gone);
        QVERIFY(!gone->has_value());
    }
};

QTEST_MAIN(tst_DeleteDistribution)
#include "tst_deletedistribution.moc"
