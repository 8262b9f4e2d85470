/**
 * Apps Script entry points. Every export here becomes a top-level function in dist/Code.js, callable
 * from a menu, a trigger or `google.script.run`: export nothing else.
 */
export { onOpen } from './menu';
export { setupUnits, setupStep } from './setup';
export { consolidate, consolidateStep } from './consolidate';
export { splitIntoFiles, splitStep } from './split-files';
export { initConfig } from './init';
export { showCheckSidebar, checkData, selectProblemCell, previewFixes, applyFixes } from './sidebar-server';
export { previewImport, importRows, showImportSidebar } from './import-server';
export { exportUnitReport, exportWardReport } from './reports';
export { runDiagnostics } from './diagnostics';
export { closeCampaign, closeCampaignStep } from './close-campaign';
export { followUp, reviewUnit, acceptNamesake, showFollowSidebar } from './review';
export { showAbout } from './about';
export { exportUnitGuide } from './unit-guide';
export { upgradeVersion } from './upgrade';
