// The search box over the tree (issue 14), on the real window (offscreen) against the ACR
// emulator with 3,000 more repositories than the demo: it finds a repository by any part of
// its path, also one whose catalog page had not loaded yet (the rest loads page by page in
// the background), says "N of M repositories", and Escape brings every row back.

#include "ui/repositorysearch.h"
#include "ui/translations.h"
#include "ui/windowtest.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QUrlQuery>

using namespace Berth;
using namespace Berth::Test;

namespace {
constexpr int Bulk = 3000;
} // namespace

class tst_RepositorySearch : public WindowTest
{
    Q_OBJECT

    RepositorySearch *search() const { return m_window->repositorySearch(); }

    // The repository paths the tree shows now (rows not hidden, folders open), top to bottom.
    QStringList shownRepositories() const
    {
        QStringList paths;
        QTreeView *tree = m_window->repositoryView();
        RepositoryModel *model = m_window->repositoryModel();
        for (QModelIndex index = tree->model()->index(0, 0); index.isValid();
             index = tree->indexBelow(index)) {
            if (model->kind(index) == RepositoryModel::Kind::Repository)
                paths << model->repositoryPath(index);
        }
        return paths;
    }

    // Every repository the model holds under `parent`.
    int repositoriesIn(const QModelIndex &parent) const
    {
        RepositoryModel *model = m_window->repositoryModel();
        int n = 0;
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            n += model->kind(index) == RepositoryModel::Kind::Repository ? 1
                                                                         : repositoriesIn(index);
        }
        return n;
    }

    bool catalogComplete() const
    {
        RepositoryModel *model = m_window->repositoryModel();
        return !model->isLoading(registry()) && !model->canFetchMore(registry())
               && model->rowCount(registry()) > 0;
    }

private Q_SLOTS:
    void init() { startWindow(3, Bulk); }
    void cleanup() { stopWindow(); }

    // A part of a path in the last catalog pages: the rest of the catalog loads, page by page,
    // and the tree shows just the ten matches, opened, with "10 of M repositories".
    void findsRepositoriesNotLoadedYet()
    {
        QObject english;
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates), &english);
        // QAbstractItemModelTester fetches every page of the tree's model itself as rows come
        // (checkChildren), and so does the tree for an open registry (as it lays out): after
        // the first, complete listing under the tester, the tree's model goes on without it,
        // the registry closed and refreshed, so that what loads is what the search asks for.
        RepositoryModel *model = m_window->repositoryModel();
        QTreeView *tree = m_window->repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(catalogComplete(), Wait);
        m_testers.erase(m_testers.begin()); // the first is the tree model's (windowtest.h)
        tree->collapse(registry());
        tree->setFocus();
        tree->setCurrentIndex(registry());
        m_window->actions().refresh->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(registry()) > 0 && !model->isLoading(registry()),
                                 Wait);
        QVERIFY(model->canFetchMore(registry())); // only the first page is in
        QVERIFY(!model->findRepository(registry(), QStringLiteral("bulk/repo-02995")).isValid());
        QVERIFY(!search()->countLabel()->isVisible());

        QVERIFY(activate());
        m_window->actions().findRepository->trigger();
        QLineEdit *edit = search()->edit();
        QTRY_VERIFY(edit->hasFocus());
        // Pasted: none of the first page matches, so the closed registry stays closed and
        // only the search loads the rest (typed, "p" would match and open it).
        edit->setText(QStringLiteral("PO-0299"));
        QTRY_VERIFY_WITH_TIMEOUT(catalogComplete(), Wait);
        const int total = repositoriesIn(registry());
        QVERIFY(total > Bulk);
        QStringList expected;
        for (int i = 2990; i <= 2999; ++i)
            expected << QStringLiteral("bulk/repo-%1").arg(i, 5, 10, QLatin1Char('0'));
        QTRY_COMPARE(shownRepositories(), expected);
        QTRY_COMPARE(search()->countLabel()->text(),
                     QStringLiteral("10 of %1 repositories").arg(total));
        QVERIFY(search()->countLabel()->isVisible());
        // Paged: several catalog requests, none asking for more than a page (1,000).
        int pages = 0;
        for (const auto &r : m_emu->requests()) {
            if (r.path != u"/acr/v1/_catalog" && r.path != u"/v2/_catalog")
                continue;
            ++pages;
            QVERIFY(QUrlQuery(r.query).queryItemValue(QStringLiteral("n")).toInt() <= 1000);
        }
        QVERIFY(pages > 3);
        QVERIFY(!saveScreenshot(m_window.get(), QStringLiteral("repository-search")).isEmpty());

        // Any part, any case: the middle of a demo repository's name.
        edit->setText(QStringLiteral("ORLD"));
        QCOMPARE(shownRepositories(), QStringList{QStringLiteral("hello-world")});
        QCOMPARE(search()->countLabel()->text(), QStringLiteral("1 of %1 repositories").arg(total));

        // Escape: every row back, no count.
        QTest::keyClick(edit, Qt::Key_Escape);
        QCOMPARE(edit->text(), QString());
        QVERIFY(shownRepositories().size() > Bulk);
        QVERIFY(!search()->countLabel()->isVisible());
    }

    // Ctrl+Shift+F puts the focus into the search box, from anywhere in the window.
    void ctrlShiftFFocusesTheSearch()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        pane()->tagView()->setFocus();
        QTRY_VERIFY(pane()->tagView()->hasFocus());
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(search()->edit()->hasFocus());
        QVERIFY(search()->edit()->isVisible());
    }
};

QTEST_MAIN(tst_RepositorySearch)
#include "tst_repositorysearch.moc"
