// The window's clean-up actions against the emulator: Select Untagged selects exactly the
// untagged manifests no index lists (not the untagged platforms of an index), and Clean Up…
// on a folder of the tree opens the dialog with the folder's repositories as its filter.

#include "fixtures/purgecontent.h"
#include "models/cleanuppreviewmodel.h"
#include "models/pagedloader.h"
#include "ui/dialogs/cleanupdialog.h"
#include "windowtest.h"

#include <QLineEdit>
#include <QSet>

using namespace Berth;
using namespace Berth::Test;

class tst_CleanupActions : public WindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startWindow(1); }
    void cleanup() { stopWindow(); }

    void selectUntaggedLeavesAnIndexsPlatforms()
    {
        // team/app/api: the index 1.0 over two untagged platforms; one more untagged image.
        const QString repo = QStringLiteral("team/app/api");
        const PushedImage loose = pushImage(*m_emu, repo, u"loose"_qs, {"loose layer"});
        QVERIFY(!loose.digest.isEmpty());
        QVERIFY(openRepository(repo));
        pane()->setListing(RepositoryPane::Listing::Manifests);
        ManifestModel *manifests = pane()->manifestModel();
        QTRY_VERIFY_WITH_TIMEOUT(!manifests->isLoading() && manifests->rowCount() > 0, Wait);
        QSet<QString> listed; // the platforms of the indexes
        for (int row = 0; row < manifests->rowCount(); ++row) {
            for (const PlatformRef &p : manifests->manifestAt(row).references)
                listed.insert(p.digest);
        }
        int untaggedPlatforms = 0;
        for (int row = 0; row < manifests->rowCount(); ++row)
            untaggedPlatforms += manifests->manifestAt(row).tags.isEmpty()
                                 && listed.contains(manifests->manifestAt(row).digest);
        QVERIFY(untaggedPlatforms > 0); // which must not be selected

        QVERIFY(m_window->actions().selectUntagged->isEnabled());
        pane()->manifestView()->selectionModel()->clearSelection();
        m_window->actions().selectUntagged->trigger();
        // It selects once every page is in: when its loader is gone.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->findChildren<PagedLoader *>().isEmpty(), Wait);
        const QList<ManifestInfo> selected = pane()->selectedManifests();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().digest, loose.digest);
    }

    void cleanUpOnAFolderFiltersItsRepositories()
    {
        const QModelIndex api
            = waitForRepository(m_window.get(), m_client, u"team/app/api"_qs, Wait);
        QVERIFY(api.isValid());
        m_window->repositoryView()->setCurrentIndex(api.parent()); // the folder team/app
        m_window->actions().cleanUp->trigger();
        auto *dialog = qobject_cast<CleanupDialog *>(m_dialog.data());
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QLineEdit *>(u"repositoryFilter"_qs)->text(), u"team/app/.*"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPlanning(), Wait);
        QVERIFY(dialog->preview()->rowCount() > 0); // every tag of team/app/* matches ".*"
    }
};

QTEST_MAIN(tst_CleanupActions)
#include "tst_cleanupactions.moc"
