#pragma once

// Shared by the dialog tests: widget lookup and the emulator fixture.

#include "auth/azureclitoken.h"
#include "credentials/memorycredentialstore.h"
#include "credentials/registryprofiles.h"
#include "emulator/acremulator.h"
#include "fixtures/clienttest.h"
#include "fixtures/emulatorfixture.h"
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

namespace Berth::Test {

inline constexpr int Wait = 15000;
inline const QString Secret = QStringLiteral("S3cret-Value-7f1c9a");

template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning("no child %s", name);
    return widget;
}

inline QPushButton *okButton(QWidget *dialog)
{
    return child<QDialogButtonBox>(dialog, "buttons")->button(QDialogButtonBox::Ok);
}

inline MessageLabel *message(QWidget *dialog)
{
    return child<MessageLabel>(dialog, "message");
}

inline bool showsError(QWidget *dialog)
{
    MessageLabel *m = message(dialog);
    return !m->isHidden() && m->kind() == MessageLabel::Kind::Error;
}

inline TagInfo findTag(const QList<TagInfo> &tags, const QString &name)
{
    for (const TagInfo &tag : tags) {
        if (tag.name == name)
            return tag;
    }
    return {};
}

// The emulator (demo content, user "u") and a signed-in client, fresh for every test.
class DialogTest : public EmulatorFixture
{
public:
    DialogTest()
        : EmulatorFixture(QStringLiteral("u"), Secret)
    {}

protected:
    std::unique_ptr<RegistryClient> m_client;

    void connectClient() override
    {
        m_client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
    }
    void disconnectClient() override { m_client.reset(); }
    Result<TagInfo> tag(const QString &repo, const QString &name)
    {
        return await(m_client->getTag(repo, name));
    }
};

} // namespace Berth::Test
