# The package as a user installs it: build.ps1 Package, published to a local PSResourceGet repository, installed into a
# temporary module path and imported by name in a fresh pwsh, offline.
BeforeDiscovery {
    # In the second pass (every store on PostgreSQL): skipped, the package is the same whatever the store.
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $script:Version = (Import-PowerShellDataFile $ModuleManifest).ModuleVersion
}

Describe 'Packaging' -Skip:$PostgresPass {
    It 'publishes, installs from a local repository, imports by name and converts a customer' {
        & (Join-Path $Root 'build.ps1') Package -NoBuild | Out-Null
        $package = Join-Path $Root "out/CommerceSync/$Version"
        Join-Path $package 'CommerceSync.psd1' | Should -Exist
        Join-Path $package 'module/bin/core/CommerceSync.PowerShell.dll' | Should -Exist
        Join-Path $package 'module/bin/core/Dependencies/linux-x64/e_sqlite3.so' | Should -Exist
        Join-Path $package 'module/bin/core/en-US/CommerceSync.PowerShell.dll-Help.xml' | Should -Exist
        Join-Path $package 'en-US/about_CommerceSync.help.txt' | Should -Exist
        Join-Path $package 'LICENSE' | Should -Exist
        Join-Path $package 'CHANGELOG.md' | Should -Exist
        Join-Path $package 'docs/examples/customers.csv' | Should -Exist -Because "the README's tour reads the sample from the module's folder"

        $repo = Join-Path $TestDrive 'repo'; $modules = Join-Path $TestDrive 'modules'
        New-Item -ItemType Directory $repo, $modules | Out-Null
        $name = "CommerceSyncTest$PID"
        $out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Register-PSResourceRepository -Name '$name' -Uri '$repo' -Trusted
try {
    Publish-PSResource -Path '$package' -Repository '$name'
    Save-PSResource -Name CommerceSync -Repository '$name' -Path '$modules' -TrustRepository -SkipDependencyCheck
}
finally { Unregister-PSResourceRepository -Name '$name' }
`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module CommerceSync
"module=`$((Get-Module CommerceSync).ModuleBase)"
New-CommerceStore -Path '$(Join-Path $TestDrive 'installed.db')' | Connect-CommerceStore | Out-Null
New-CommerceChannel -ChannelId S1 -AsyncCustomerMode | Out-Null
`$c = New-AsyncCustomer -Channel S1 -FirstName Installed | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010
"account=`$(`$c.AccountNumber)"
"help=`$((Get-Help Invoke-PJob).Synopsis)"
`$psData = (Get-Module CommerceSync).PrivateData.PSData
"notes=`$(`$psData.ReleaseNotes -replace '\r?\n', '\n')"
"license=`$(Test-Path (Join-Path (Get-Module CommerceSync).ModuleBase LICENSE))"
"@
        ($out | Where-Object { $_ -like 'module=*' }) | Should -BeLike "module=$modules*"
        $out | Should -Contain 'account=C000001'
        ($out | Where-Object { $_ -like 'help=*' }) | Should -BeLike 'help=The P-job*'
        $out | Should -Contain 'license=True'
        # The gallery page shows the release notes of this version, as CHANGELOG.md has them.
        $changelog = Get-Content -Raw (Join-Path $Root 'CHANGELOG.md')
        $changelog -match "(?ms)^## \[$([regex]::Escape($Version))\][^\n]*\n(?<notes>.*?)(?=^## \[|\z)" | Should -BeTrue
        $expected = $Matches.notes.Trim() -replace '\r?\n', '\n'
        ($out | Where-Object { $_ -like 'notes=*' }) | Should -Be "notes=$expected"
    }

    It 'names the project, its licence and its icon by real addresses, with no placeholder' {
        $psData = (Import-PowerShellDataFile $ModuleManifest).PrivateData.PSData
        foreach ($key in 'ProjectUri', 'LicenseUri', 'IconUri') {
            $uri = $null
            [uri]::TryCreate($psData[$key], [UriKind]::Absolute, [ref] $uri) | Should -BeTrue -Because "$key is an absolute address"
            $uri.Scheme | Should -Be 'https'
            $uri.Host | Should -Not -Match '(^|\.)(example|invalid|localhost|test)(\.|$)' -Because "$key must not be a placeholder"
        }
        $psData.LicenseUri | Should -BeLike "$($psData.ProjectUri)/*" -Because 'the licence is the one in the project'
        Join-Path $Root 'LICENSE' | Should -Exist
        Join-Path $Root 'docs/icon.png' | Should -Exist
        $psData.IconUri | Should -BeLike '*/docs/icon.png'
        (Import-PowerShellDataFile $ModuleManifest).Copyright | Should -Match 'MIT'
        (Get-Content -Raw (Join-Path $Root 'LICENSE')) | Should -Match 'MIT License'
    }
}
