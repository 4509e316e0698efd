# ReportGuard managed configuration for Chrome and Edge on Windows, for Intune
# (Devices > Scripts and remediations > Platform scripts: run as system, 64-bit PowerShell) or
# any tool that runs a script as SYSTEM. Writes the same values as windows-chrome.reg and
# windows-edge.reg; run again after editing to update them (existing values are replaced).
# Force-install the extension itself with the Settings catalog (see docs/admin-guide.md).
$ErrorActionPreference = 'Stop'

$ExtensionId = 'jicjlfjabgamkickjndbcnbeolbegiml'   # reportguard extension id [--key your.pem]
$Config = [ordered]@{
    policyUrl            = 'https://beleid.example.nl/reportguard/policy.json.signed'
    # Paste the armored public key as it is; line breaks are kept.
    policySignerKey      = @'
-----BEGIN PGP PUBLIC KEY BLOCK-----

REPLACE-WITH-YOUR-KEY
-----END PGP PUBLIC KEY BLOCK-----
'@
    policyRefreshMinutes = 60
    recordsUrl           = 'https://crm.example.nl/reportguard/records.json'
    auditCollectorUrl    = 'https://audit.example.nl/reportguard'
    adminMode            = $false
    webmailOrigins       = @('https://webmail.example.nl')
}

foreach ($Browser in @('Google\Chrome', 'Microsoft\Edge')) {
    $Key = "HKLM:\SOFTWARE\Policies\$Browser\3rdparty\extensions\$ExtensionId\policy"
    if (Test-Path $Key) { Remove-Item -Path $Key -Recurse -Force }
    New-Item -Path $Key -Force | Out-Null
    foreach ($Name in $Config.Keys) {
        $Value = $Config[$Name]
        if ($Value -is [bool]) {
            New-ItemProperty -Path $Key -Name $Name -PropertyType DWord -Value ([int]$Value) -Force | Out-Null
        } elseif ($Value -is [int]) {
            New-ItemProperty -Path $Key -Name $Name -PropertyType DWord -Value $Value -Force | Out-Null
        } elseif ($Value -is [array]) {
            # A list is a subkey with values "1", "2", ...
            $ListKey = "$Key\$Name"
            New-Item -Path $ListKey -Force | Out-Null
            for ($i = 0; $i -lt $Value.Count; $i++) {
                New-ItemProperty -Path $ListKey -Name ([string]($i + 1)) -PropertyType String -Value $Value[$i] -Force | Out-Null
            }
        } else {
            New-ItemProperty -Path $Key -Name $Name -PropertyType String -Value ($Value -replace "`r`n", "`n") -Force | Out-Null
        }
    }
    # Developer tools stay closed on policy-installed extensions: staff cannot edit its storage.
    New-ItemProperty -Path "HKLM:\SOFTWARE\Policies\$Browser" -Name 'DeveloperToolsAvailability' -PropertyType DWord -Value 1 -Force | Out-Null
}
Write-Output "ReportGuard policy written for $ExtensionId (Chrome and Edge)."
