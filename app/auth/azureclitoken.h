#pragma once

#include <QObject>

class QProcess;
class QTimer;

namespace Berth {

// Asks an installed Azure CLI for an Azure AD access token, without blocking:
//   az account get-access-token --resource https://management.azure.com
//      --query accessToken -o tsv [--tenant <tenant>]
// Ends with exactly one of `tokenReady` or `failed` per start(): `failed` says, in words
// for the user, that az is missing, timed out, or what it complained about (its stderr
// never carries the token). The token itself is never logged.
class AzureCliToken : public QObject
{
    Q_OBJECT
public:
    explicit AzureCliToken(QObject *parent = nullptr);
    ~AzureCliToken() override;

    void setProgram(const QString &program) { m_program = program; } // default "az"
    void setTimeout(int ms) { m_timeoutMs = ms; }                    // default 60 s
    QString program() const { return m_program; }

    void start(const QString &tenant = {});
    void cancel(); // stops az; emits nothing
    bool isRunning() const { return m_process != nullptr; }

Q_SIGNALS:
    void tokenReady(const QString &token);
    void failed(const QString &message);

private:
    void finish();
    // Stops the timer and detaches the running process (null when none): the caller ends it.
    QProcess *takeProcess();
    void fail(const QString &message);

    QString m_program = QStringLiteral("az");
    int m_timeoutMs = 60000;
    QProcess *m_process = nullptr; // a child while running
    QTimer *m_timer;
};

} // namespace Berth
