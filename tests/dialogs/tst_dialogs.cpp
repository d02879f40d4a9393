// The lock, delete and connection dialogs, driven like a user would (QTest clicks and
// keys) against the ACR emulator; saved registries against an in-memory credential store
// and a QSettings ini file in a temporary directory.

#include "../integration/clienttest.h"
#include "credentials/memorycredentialstore.h"
#include "credentials/registryprofiles.h"
#include "emulator/acremulator.h"
#include "ui/dialogs/azureclitoken.h"
#include "ui/dialogs/connectiondialog.h"
#include "ui/dialogs/deletedialog.h"
#include "ui/dialogs/lockdialog.h"
#include "ui/dialogs/messagelabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {

constexpr int Wait = 15000;
const QString Secret = QStringLiteral("S3cret-Value-7f1c9a");

template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning("no child %s", name);
    return widget;
}

QPushButton *okButton(QWidget *dialog)
{
    return child<QDialogButtonBox>(dialog, "buttons")->button(QDialogButtonBox::Ok);
}

MessageLabel *message(QWidget *dialog)
{
    return child<MessageLabel>(dialog, "message");
}

bool showsError(QWidget *dialog)
{
    MessageLabel *m = message(dialog);
    return !m->isHidden() && m->kind() == MessageLabel::Kind::Error;
}

TagInfo findTag(const QList<TagInfo> &tags, const QString &name)
{
    for (const TagInfo &tag : tags) {
        if (tag.name == name)
            return tag;
    }
    return {};
}

} // namespace

class tst_Dialogs : public QObject
{
    Q_OBJECT

    std::unique_ptr<AcrEmulator> m_emu;
    std::unique_ptr<RegistryClient> m_client;

    Result<TagInfo> tag(const QString &repo, const QString &name)
    {
        return await(m_client->getTag(repo, name));
    }

private Q_SLOTS:
    void init()
    {
        m_emu = std::make_unique<AcrEmulator>();
        m_emu->addUser(QStringLiteral("u"), Secret);
        m_emu->seedDemo();
        QVERIFY(m_emu->listen());
        m_client = makeClient(m_emu->url(), Credentials::password(QStringLiteral("u"), Secret));
    }
    void cleanup()
    {
        m_client.reset();
        m_emu.reset();
    }

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
        QTest::qWait(200);
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

    // --- ConnectionDialog ---------------------------------------------------------------

    void connectionRejectsInvalidUrls()
    {
        ConnectionDialog dialog(nullptr, nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *url = child<QLineEdit>(&dialog, "urlEdit");
        auto *error = child<QLabel>(&dialog, "urlError");
        dialog.findChild<QComboBox *>(QStringLiteral("authCombo"))->setCurrentIndex(0);
        QVERIFY(!okButton(&dialog)->isEnabled()); // empty: no complaint, but no OK
        QVERIFY(error->isHidden());

        QTest::keyClicks(url, QStringLiteral("http://registry.example.com"));
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(u"registry.example.com"), qPrintable(error->text()));
        QVERIFY(!okButton(&dialog)->isEnabled());
        QTest::keyClick(&dialog, Qt::Key_Return);
        QVERIFY(dialog.isVisible());

        QTest::mouseClick(child<QCheckBox>(&dialog, "plainHttpCheck"), Qt::LeftButton);
        QVERIFY(error->isHidden());
        QVERIFY(okButton(&dialog)->isEnabled());
        QTest::mouseClick(child<QCheckBox>(&dialog, "plainHttpCheck"), Qt::LeftButton);

        url->clear();
        QTest::keyClicks(url, QStringLiteral("not a registry"));
        QVERIFY(!error->isHidden());
        QVERIFY(!okButton(&dialog)->isEnabled());
        url->clear();
        QTest::keyClicks(url, QStringLiteral("user:pw@myreg.azurecr.io"));
        QVERIFY(!error->isHidden());
        QVERIFY(!okButton(&dialog)->isEnabled());

        url->clear();
        QTest::keyClicks(url, QStringLiteral("myreg.azurecr.io"));
        QVERIFY(error->isHidden());
        QVERIFY(okButton(&dialog)->isEnabled());
        QCOMPARE(dialog.profile().url, QUrl(QStringLiteral("https://myreg.azurecr.io")));

        // A password sign-in needs a user name and a secret.
        auto *kind = dialog.findChild<QComboBox *>(QStringLiteral("authCombo"));
        kind->setCurrentIndex(kind->findData(int(RegistryProfile::AuthKind::Password)));
        QVERIFY(!okButton(&dialog)->isEnabled());
        QTest::keyClicks(child<QLineEdit>(&dialog, "usernameEdit"), QStringLiteral("u"));
        QVERIFY(!okButton(&dialog)->isEnabled());
        auto *secret = child<QLineEdit>(&dialog, "secretEdit");
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QTest::keyClicks(secret, QStringLiteral("x"));
        QVERIFY(okButton(&dialog)->isEnabled());

        // An unreadable CA file is an inline error too.
        QTest::keyClicks(child<QLineEdit>(&dialog, "caFileEdit"),
                         QStringLiteral("/nonexistent.pem"));
        QVERIFY(!child<QLabel>(&dialog, "caError")->isHidden());
        QVERIFY(!okButton(&dialog)->isEnabled());
    }

    void testConnectionReportsAcrAndBearer()
    {
        ConnectionDialog dialog(nullptr, nullptr);
        QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(child<QLineEdit>(&dialog, "urlEdit"), m_emu->url().toString());
        QTest::keyClicks(child<QLineEdit>(&dialog, "usernameEdit"), QStringLiteral("u"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "secretEdit"), Secret);
        QTest::mouseClick(child<QPushButton>(&dialog, "testButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, Wait);
        QCOMPARE(tested.first().at(0).toBool(), true);
        QCOMPARE(tested.first().at(1).toString(),
                 QStringLiteral("Azure Container Registry, bearer token auth"));
        QCOMPARE(message(&dialog)->text(), tested.first().at(1).toString());
        QVERIFY(!message(&dialog)->text().contains(Secret));

        // A wrong password is reported, without the secret.
        auto *secret = child<QLineEdit>(&dialog, "secretEdit");
        secret->clear();
        QTest::keyClicks(secret, QStringLiteral("wrong-password"));
        QTRY_VERIFY(child<QPushButton>(&dialog, "testButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(&dialog, "testButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 2, Wait);
        QCOMPARE(tested.at(1).at(0).toBool(), false);
        QVERIFY(showsError(&dialog));
        QVERIFY(!message(&dialog)->text().contains(u"wrong-password"));
    }

    void rememberKeepsTheSecretOutOfSettings()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString iniPath = dir.filePath(QStringLiteral("berth.ini"));
        QSettings settings(iniPath, QSettings::IniFormat);
        MemoryCredentialStore store;

        ConnectionDialog dialog(&settings, &store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(child<QLineEdit>(&dialog, "urlEdit"), m_emu->url().toString());
        QTest::keyClicks(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("Emulator"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "usernameEdit"), QStringLiteral("u"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "secretEdit"), Secret);
        QVERIFY(child<QCheckBox>(&dialog, "rememberCheck")->isChecked());
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), Wait);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const RegistryProfile profile = dialog.profile();
        QCOMPARE(profile.authKind, RegistryProfile::AuthKind::Password);
        QCOMPARE(profile.username, QStringLiteral("u"));
        QCOMPARE(dialog.credentials().secret, Secret);
        QCOMPARE(dialog.connectionSettings().registry, m_emu->url());

        const auto stored = await(store.load(profile.registryKey(), QStringLiteral("u")));
        BERTH_VERIFY_OK(stored);
        QCOMPARE(stored->value_or(QString()), Secret);

        QFile ini(iniPath);
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray bytes = ini.readAll();
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains(Secret.toUtf8()));
        QVERIFY(bytes.contains("Emulator"));
        const RegistryProfiles saved = RegistryProfiles::load(settings);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.profiles().first(), profile);

        // Opened again on the saved profile, an empty secret field uses the saved secret.
        ConnectionDialog again(&settings, &store);
        again.setProfile(profile);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(okButton(&again)->isEnabled());
        QSignalSpy tested(&again, &ConnectionDialog::testFinished);
        QTest::mouseClick(child<QPushButton>(&again, "testButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, Wait);
        QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
        QTest::mouseClick(okButton(&again), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!again.isVisible(), Wait);
        QCOMPARE(again.credentials().secret, Secret);

        // Forgetting removes both halves.
        const auto forgotten = await(ConnectionDialog::forgetRegistry(settings, &store, profile));
        BERTH_VERIFY_OK(forgotten);
        const auto after = await(store.load(profile.registryKey(), QStringLiteral("u")));
        BERTH_VERIFY_OK(after);
        QVERIFY(!after->has_value());
        QCOMPARE(store.size(), 0);
        QVERIFY(RegistryProfiles::load(settings).isEmpty());
        QFile iniAfter(iniPath);
        QVERIFY(iniAfter.open(QIODevice::ReadOnly));
        QVERIFY(!iniAfter.readAll().contains("Emulator"));
    }

    void keychainFailureKeepsTheDialogOpen()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("berth.ini")), QSettings::IniFormat);
        MemoryCredentialStore store;
        store.setUnavailable(true);
        ConnectionDialog dialog(&settings, &store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(child<QLineEdit>(&dialog, "urlEdit"), QStringLiteral("myreg.azurecr.io"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "usernameEdit"), QStringLiteral("u"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "secretEdit"), Secret);
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(showsError(&dialog), Wait);
        QVERIFY(dialog.isVisible());
        QVERIFY(okButton(&dialog)->isEnabled());
        QVERIFY(RegistryProfiles::load(settings).isEmpty()); // nothing half-saved

        // Without Remember it connects, saving nothing.
        QTest::mouseClick(child<QCheckBox>(&dialog, "rememberCheck"), Qt::LeftButton);
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), Wait);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.remember());
        QCOMPARE(dialog.credentials().secret, Secret);
        QVERIFY(RegistryProfiles::load(settings).isEmpty());
    }

    void azureCliToken()
    {
        ConnectionDialog dialog(nullptr, nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *kind = dialog.findChild<QComboBox *>(QStringLiteral("authCombo"));
        kind->setCurrentIndex(kind->findData(int(RegistryProfile::AuthKind::AadToken)));
        auto *button = child<QPushButton>(&dialog, "azureButton");
        QVERIFY(!button->isHidden());
        QVERIFY(child<QLineEdit>(&dialog, "usernameEdit")->isHidden());

        // az missing: a clear error.
        dialog.setAzureCliProgram(QStringLiteral("/nonexistent/bin/az"));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(showsError(&dialog), Wait);
        QVERIFY2(message(&dialog)->text().contains(u"not found"),
                 qPrintable(message(&dialog)->text()));
        QVERIFY(button->isEnabled());

        // A stand-in az that records its arguments and prints a token.
        QTemporaryDir dir;
        const QString az = dir.filePath(QStringLiteral("az"));
        QFile script(az);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/args\"\necho aad-token-123\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        dialog.setAzureCliProgram(az);
        QTest::keyClicks(child<QLineEdit>(&dialog, "tenantEdit"), QStringLiteral("my-tenant"));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(&dialog, "secretEdit")->text(),
                                  QStringLiteral("aad-token-123"), Wait);
        QFile args(dir.filePath(QStringLiteral("args")));
        QVERIFY(args.open(QIODevice::ReadOnly));
        QCOMPARE(args.readAll().trimmed(),
                 QByteArray("account get-access-token --resource https://management.azure.com "
                            "--query accessToken -o tsv --tenant my-tenant"));
        const Credentials credentials = dialog.credentials();
        QCOMPARE(credentials.kind, Credentials::Kind::AadToken);
        QCOMPARE(credentials.secret, QStringLiteral("aad-token-123"));
        QCOMPARE(credentials.tenant, QStringLiteral("my-tenant"));
    }

    void azureCliFailsAndTimesOut()
    {
        QTemporaryDir dir;
        const auto writeScript = [&dir](const char *name, const QByteArray &body) {
            const QString path = dir.filePath(QString::fromLatin1(name));
            QFile script(path);
            if (!script.open(QIODevice::WriteOnly))
                return QString();
            script.write("#!/bin/sh\n" + body);
            script.close();
            script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            return path;
        };

        // az that is not signed in: its complaint is passed on.
        AzureCliToken fetcher;
        fetcher.setProgram(writeScript(
            "az", "echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n"));
        QSignalSpy failed(&fetcher, &AzureCliToken::failed);
        QSignalSpy ready(&fetcher, &AzureCliToken::tokenReady);
        fetcher.start();
        QVERIFY(fetcher.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Wait);
        QVERIFY2(failed.first().first().toString().contains(u"az login"),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!fetcher.isRunning());

        // az that hangs: the timeout stops it.
        AzureCliToken slow;
        slow.setProgram(writeScript("slow-az", "exec sleep 30\n"));
        slow.setTimeout(300);
        QSignalSpy slowFailed(&slow, &AzureCliToken::failed);
        QElapsedTimer timer;
        timer.start();
        slow.start();
        QTRY_COMPARE_WITH_TIMEOUT(slowFailed.count(), 1, Wait);
        QVERIFY(timer.elapsed() < 10000);
        QVERIFY2(slowFailed.first().first().toString().contains(u"did not answer"),
                 qPrintable(slowFailed.first().first().toString()));
        QVERIFY(!slow.isRunning());
        QCOMPARE(ready.count(), 0);
    }
};

QTEST_MAIN(tst_Dialogs)
#include "tst_dialogs.moc"
