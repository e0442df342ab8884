# Loads the compiled cmdlets built for this edition: bin/core for PowerShell 7.4+, bin/desktop for Windows PowerShell 5.1.
$edition = if ($PSVersionTable.PSEdition -eq 'Core') { 'core' } else { 'desktop' }
$binary = Join-Path $PSScriptRoot "bin/$edition/CommerceSync.PowerShell.dll"
if (-not (Test-Path -LiteralPath $binary)) {
    throw "CommerceSync is not built for this PowerShell: '$binary' is missing. Run ./build.ps1 Build."
}
$binaryModule = Import-Module -Name $binary -PassThru -ErrorAction Stop

# The sync job's names in the product, old and new, for admins who search for them.
Set-Alias -Name Sync-CustomerAndChannelRequest -Value Convert-AsyncCustomer
Set-Alias -Name Sync-CustomerAndBusinessPartner -Value Convert-AsyncCustomer

Export-ModuleMember -Cmdlet @($binaryModule.ExportedCmdlets.Keys) -Alias Sync-CustomerAndChannelRequest, Sync-CustomerAndBusinessPartner
