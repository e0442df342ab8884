# Help as a user reads it: a page per cmdlet, Get-Help complete, the page in step with the cmdlet, and every example working.
BeforeDiscovery {
    # In the second pass (every store on PostgreSQL): only the examples run again (against a PostgreSQL store); the pages are the same whatever the store.
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
    $manifest = if ($env:COMMERCESYNC_MODULE) { $env:COMMERCESYNC_MODULE } else { Join-Path $PSScriptRoot '../../CommerceSync.psd1' }
    $cmdlets = (Import-PowerShellDataFile $manifest).CmdletsToExport | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../../build/HelpBuilder.ps1')
    Import-Module $ModuleManifest -Force
    $script:Docs = Join-Path $PSScriptRoot '../../docs'
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $page = Join-Path $Docs "$Name.md"
        $parsed = if (Test-Path $page) { Read-HelpMarkdown -Path $page }
        $command = Get-Command $Name
    }

    It 'has a page in docs/' -Skip:$PostgresPass {
        $page | Should -Exist
        $parsed.Name | Should -Be $Name
    }

    It 'has every section of a PlatyPS page, and examples with a title and code' -Skip:$PostgresPass {
        $text = Get-Content -Raw $page
        foreach ($section in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS') {
            $text | Should -Match "(?m)^## $section\s*$" -Because "$Name.md needs a $section section"
        }
        $parsed.Examples.Count | Should -BeGreaterOrEqual 1
        foreach ($example in $parsed.Examples) {
            $example.Title | Should -Match '^Example \d+: \S' -Because "${Name}: an example title is 'Example N: what it shows'"
            $example.Title | Should -Not -Match '[;|]|\b(Get|New|Set|Invoke)-\w+ -' -Because "${Name}: code belongs in the code block, not in the title ($($example.Title))"
            $example.Code.Trim() | Should -Not -BeNullOrEmpty -Because "$Name $($example.Title) needs code"
            $example.Code | Should -Not -Match '\$TestDrive' -Because 'a user running the example has no $TestDrive'
        }
    }

    It 'lists the output types the cmdlet declares, and the types its pipeline parameters take' -Skip:$PostgresPass {
        $declared = @($command.OutputType.Name | Sort-Object -Unique)
        @($parsed.Outputs.Type | Sort-Object -Unique) | Should -Be $declared
        $piped = @(foreach ($p in $command.Parameters.Values) {
                foreach ($a in $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }) {
                    if ($a.ValueFromPipeline -or $a.ValueFromPipelineByPropertyName) { $p.ParameterType.FullName }
                }
            }) | Sort-Object -Unique
        # PlatyPS writes "None" for a cmdlet that takes nothing from the pipeline.
        @($parsed.Inputs.Type | Where-Object { $_ -ne 'None' } | Sort-Object -Unique) | Should -Be @($piped)
    }

    It 'shows synopsis, description and examples in Get-Help' -Skip:$PostgresPass {
        $help = Get-Help $Name -Full
        "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
        "$($help.Synopsis)".Trim() | Should -Not -Be $Name -Because 'a synopsis that is just the syntax means the MAML was not found'
        ($help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 1
    }

    It 'documents every parameter the cmdlet has, and no other (drift)' -Skip:$PostgresPass {
        $skip = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters + 'WhatIf', 'Confirm'
        $actual = @($command.Parameters.Keys | Where-Object { $_ -notin $skip } | Sort-Object)
        $documented = @($parsed.Parameters.Name | Where-Object { $_ -notin 'WhatIf', 'Confirm' } | Sort-Object)
        $documented | Should -Be $actual
        foreach ($p in $parsed.Parameters) { $p.Description | Should -Not -BeNullOrEmpty -Because "-$($p.Name) needs a description" }
    }

    It 'describes each parameter the way the cmdlet declares it (type, sets, aliases, required, position, pipeline)' -Skip:$PostgresPass {
        foreach ($p in $parsed.Parameters) {
            $expected = (Get-ParameterYaml -Command $command -Parameter $command.Parameters[$p.Name]) -join "`n"
            $text = (Get-Content -Raw (Join-Path $Docs "$Name.md")) -replace "`r`n", "`n"
            $onPage = ([regex]::Matches($text, "(?s)### -$($p.Name)\n.*?(?=\n### |\n## )").Value |
                ForEach-Object { ([regex]::Matches($_, '(?s)```yaml\n.*?\n```') | ForEach-Object Value) -join "`n" })
            $onPage | Should -Be $expected -Because "-$($p.Name) on the page must match the cmdlet (regenerate the block with Get-ParameterYaml)"
        }
    }

    It 'runs every example of its page without an error' {
        if ($OnPostgres -and $Name -eq 'Backup-CommerceStore') { Set-ItResult -Skipped -Because 'it copies store files; on PostgreSQL it is refused (Postgres.Tests.ps1)'; return }
        $savedStore = $env:COMMERCESYNC_STORE
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode -OfflineDatabase | Out-Null
        Push-Location $TestDrive
        try {
            foreach ($example in $parsed.Examples) {
                $code = $example.Code
                if ($code -match "'Host=[^']*'") {
                    # A PostgreSQL example runs against the test server, in a schema of its own; without a server it cannot run.
                    if (-not $env:COMMERCESYNC_TEST_POSTGRES) { continue }
                    $code = $code -replace "'Host=[^']*'", "'$env:COMMERCESYNC_TEST_POSTGRES;Search Path=h_$([guid]::NewGuid().ToString('N').Substring(0, 16))'"
                }
                $ErrorActionPreference = 'Stop'
                { & ([scriptblock]::Create($code)) | Out-Null } | Should -Not -Throw -Because "$Name $($example.Title)"
            }
        }
        finally {
            $ErrorActionPreference = 'Continue'
            Pop-Location
            $env:COMMERCESYNC_STORE = $savedStore
        }
    }
}

Describe 'about_CommerceSync' -Skip:$PostgresPass {
    It 'is found by Get-Help and lists every error id' {
        $about = Get-Help about_CommerceSync | Out-String
        $about | Should -Match 'Synchronize customers and channel requests'
        $ids = [System.IO.File]::ReadAllText((Join-Path $PSScriptRoot '../../src/CommerceSync.Core/CommerceSyncException.cs')) |
            Select-String -Pattern 'public const string \w+ = "(\w+)";' -AllMatches | ForEach-Object { $_.Matches.Groups | Where-Object Name -eq 1 } | ForEach-Object Value
        $ids.Count | Should -BeGreaterThan 20
        foreach ($id in $ids) { $about | Should -Match "\b$id\b" -Because "$id must be documented" }
    }
}
