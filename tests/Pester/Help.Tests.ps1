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
            # The default is in the page's words (the next test holds it to the code's).
            $expected = (Get-ParameterYaml -Command $command -Parameter $command.Parameters[$p.Name] -DefaultValue (Get-YamlValue $p.Blocks[0] 'Default value')) -join "`n"
            $text = (Get-Content -Raw (Join-Path $Docs "$Name.md")) -replace "`r`n", "`n"
            $onPage = ([regex]::Matches($text, "(?s)### -$($p.Name)\n.*?(?=\n### |\n## )").Value |
                ForEach-Object { ([regex]::Matches($_, '(?s)```yaml\n.*?\n```') | ForEach-Object Value) -join "`n" })
            $onPage | Should -Be $expected -Because "-$($p.Name) on the page must match the cmdlet (regenerate the block with Get-ParameterYaml)"
        }
    }

    It 'gives in its yaml (Default value) each default the code sets' -Skip:$PostgresPass {
        foreach ($p in $parsed.Parameters) {
            $code = Get-ParameterDefault -Command $command -Name $p.Name
            if (-not $code) { continue }
            foreach ($block in $p.Blocks) {
                Get-YamlValue $block 'Default value' | Should -Match "(?<![\w.])$([regex]::Escape($code))(?![\w.])" -Because "-$($p.Name) is $code when not given"
            }
        }
    }

    It 'runs every example of its page in a fresh store, after only what the example says it needs' {
        # One fresh pwsh runs every page's examples (Help.Examples.ps1); each page's test reads its own.
        if (-not $script:ExampleResults) {
            $out = Join-Path $TestDrive 'examples.json'
            $work = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'examples') -Force
            $arguments = @('-Manifest', $ModuleManifest, '-Docs', $Docs, '-WorkFolder', $work.FullName, '-OutFile', $out)
            if ($env:COMMERCESYNC_TEST_POSTGRES) { $arguments += @('-Postgres', $env:COMMERCESYNC_TEST_POSTGRES) }
            if ($OnPostgres) { $arguments += '-OnPostgres' }
            $log = & $Pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Help.Examples.ps1') @arguments 2>&1
            if (-not (Test-Path $out)) { throw "The examples did not run: $($log -join [Environment]::NewLine)" }
            $script:ExampleResults = @(Get-Content -Raw $out | ConvertFrom-Json)
        }
        $mine = @($ExampleResults | Where-Object Name -eq $Name)
        $mine.Count | Should -Be $parsed.Examples.Count
        @($mine | Where-Object Outcome -eq 'Failed' | ForEach-Object { "$($_.Title): $($_.Reason)" }) | Should -BeNullOrEmpty
        $skipped = @($mine | Where-Object Outcome -eq 'Skipped')
        if ($skipped -and $skipped.Count -eq $mine.Count) { Set-ItResult -Skipped -Because (($skipped | ForEach-Object { "$($_.Title): $($_.Reason)" }) -join '; ') }
    }
}

Describe 'about_CommerceSync' -Skip:$PostgresPass {
    It 'reads in an 80-column console: no line of the topic is longer' {
        $topic = Get-Content (Join-Path $PSScriptRoot '../../en-US/about_CommerceSync.help.txt')
        $topic.Count | Should -BeGreaterThan 100
        @($topic | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        # Nothing of the page is lost on the way: every error id and every heading is still there.
        $page = Get-Content -Raw (Join-Path $PSScriptRoot '../../docs/about_CommerceSync.md')
        foreach ($heading in [regex]::Matches($page, '(?m)^## (.+)$')) { $topic | Should -Contain $heading.Groups[1].Value.Trim().ToUpperInvariant() }
        foreach ($id in [regex]::Matches($page, '(?m)^\| `(\w+)` \|')) { $topic | Should -Contain "    $($id.Groups[1].Value)" }
    }

    It 'is found by Get-Help and lists every error id' {
        $about = Get-Help about_CommerceSync | Out-String
        $about | Should -Match 'Synchronize customers and channel requests'
        $ids = [System.IO.File]::ReadAllText((Join-Path $PSScriptRoot '../../src/CommerceSync.Core/CommerceSyncException.cs')) |
            Select-String -Pattern 'public const string \w+ = "(\w+)";' -AllMatches | ForEach-Object { $_.Matches.Groups | Where-Object Name -eq 1 } | ForEach-Object Value
        $ids.Count | Should -BeGreaterThan 20
        foreach ($id in $ids) { $about | Should -Match "\b$id\b" -Because "$id must be documented" }
    }
}

Describe 'Help as ./build.ps1 Build leaves it, read in a fresh pwsh' -Skip:$PostgresPass {
    BeforeAll {
        $root = Split-Path $ModuleManifest
        # Get-Help -Online starts the browser: xdg-open on Linux, open on macOS. A fake one writes down what it was asked to open.
        $browser = $null
        $browserLog = Join-Path $TestDrive 'browser.log'
        if (-not $IsWindows) {
            $browser = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'browser') -Force
            foreach ($opener in 'xdg-open', 'open') {
                $fake = Join-Path $browser $opener
                Set-Content -LiteralPath $fake -Value "#!/bin/sh`necho `"`$1`" >> '$browserLog'"
                & chmod +x $fake
            }
        }
        $json = Join-Path $TestDrive 'help.json'
        $arguments = @('-Manifest', $ModuleManifest, '-OutFile', $json)
        if ($browser) { $arguments += @('-BrowserFolder', $browser.FullName) }
        $log = & $Pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Help.Reader.ps1') @arguments 2>&1
        if (-not (Test-Path $json)) { throw "Reading the help failed: $($log -join [Environment]::NewLine)" }
        $Read = Get-Content -Raw $json | ConvertFrom-Json
        # The browser starts on its own; wait for it to have been asked for every page.
        $opened = @()
        if ($browser) {
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            do {
                Start-Sleep -Milliseconds 200
                $opened = @(if (Test-Path $browserLog) { Get-Content $browserLog })
            } while ($opened.Count -lt @($Read.Cmdlets | Where-Object { -not $_.OnlineError }).Count -and [DateTime]::UtcNow -lt $deadline)
        }
    }

    It 'writes the cmdlet help beside each edition''s assembly and the about topic beside the manifest, from docs/ as it is now' {
        $maml = Join-Path $TestDrive 'expected-help.xml'
        ConvertTo-MamlHelp -Path (Get-ChildItem $Docs -Filter '*-*.md' -File).FullName -Destination $maml
        $aboutText = Join-Path $TestDrive 'expected-about.txt'
        ConvertTo-AboutHelp -Path (Join-Path $Docs 'about_CommerceSync.md') -Destination $aboutText
        foreach ($edition in 'core', 'desktop') {
            $written = Join-Path $root "module/bin/$edition/en-US/CommerceSync.PowerShell.dll-Help.xml"
            $written | Should -Exist -Because './build.ps1 Build lays out module/bin, help included'
            Get-Content -Raw $written | Should -BeExactly (Get-Content -Raw $maml) -Because "the $edition help must be what docs/ says now: ./build.ps1 Build writes it"
        }
        $about = Join-Path $root 'en-US/about_CommerceSync.help.txt'
        $about | Should -Exist
        Get-Content -Raw $about | Should -BeExactly (Get-Content -Raw $aboutText)
    }

    It 'finds about_CommerceSync' {
        $Read.About | Should -Match 'Synchronize customers and channel requests'
    }

    Context '<Name>' -ForEach $cmdlets {
        BeforeAll { $seen = $Read.Cmdlets | Where-Object Name -eq $Name }

        It 'shows a synopsis, a description, text for every parameter and an example' {
            $seen.Synopsis | Should -Not -BeNullOrEmpty
            $seen.Synopsis | Should -Not -Match "^$([regex]::Escape($Name))(\s|$)" -Because 'a synopsis that is the syntax means Get-Help found no help file'
            $seen.Description | Should -Not -BeNullOrEmpty
            $seen.Examples | Should -BeGreaterOrEqual 1
            foreach ($p in $seen.Parameters) { $p.Description | Should -Not -BeNullOrEmpty -Because "Get-Help $Name -Parameter $($p.Name) needs its text" }
        }

        It 'prints each parameter''s help as plain text, never as @{...}' {
            foreach ($p in $seen.Parameters) {
                $p.Text | Should -Match "(?m)^-$($p.Name)\b" -Because "Get-Help $Name -Parameter $($p.Name) shows the parameter"
                $p.Text | Should -Not -Match '@\{' -Because "Get-Help $Name -Parameter $($p.Name) is read by people"
            }
        }

        It 'writes a switch in the syntax as built-in cmdlets do: [-WhatIf], with no value type after it' {
            $seen.Syntax | Should -Not -Match '<SwitchParameter>'
            $switches = @((Get-Command $Name).Parameters.Values | Where-Object { $_.SwitchParameter -and $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters })
            # [-WhatIf] when optional, -AllStores when mandatory; never followed by a value.
            foreach ($s in $switches) { $seen.Syntax | Should -Match "(?<![\w-])-$($s.Name)(\]| (?!<)|\r?$)" }
        }

        It 'shows each default the code gives a parameter' {
            foreach ($p in $seen.Parameters | Where-Object CodeDefault) {
                $line = ($p.Text -split "`n" | Where-Object { $_ -match '^\s*Default value\s' }) -join ''
                $line | Should -Match "(?<![\w.])$([regex]::Escape($p.CodeDefault))(?![\w.])" -Because "-$($p.Name) is $($p.CodeDefault) when not given"
            }
        }

        It 'opens its page online with -Online (an absolute web address, never a file name)' {
            $seen.OnlineError | Should -BeNullOrEmpty
            $uri = $null
            [uri]::TryCreate($seen.FirstLinkUri, [UriKind]::Absolute, [ref]$uri) | Should -BeTrue -Because "'$($seen.FirstLinkUri)' is what Get-Help $Name -Online opens"
            $uri.Scheme | Should -BeIn 'http', 'https'
            $uri.AbsolutePath | Should -BeLike "*/$Name.md"
            if ($browser) { $opened | Should -Contain $seen.FirstLinkUri }
        }
    }
}
