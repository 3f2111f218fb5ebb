/*
 * Cockpit's case page (process instance, 運行時) gets a tab 可列印記錄 linking to the case's
 * printable records: the complaint's file, the key envelope, the monthly report
 * (/app/records/cases/{id} finds the record of the case and its office checks who may see it).
 */
export default [{
  id: 'wuye.caseRecords',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 1,
  label: '可列印記錄',
  properties: {label: '可列印記錄'},
  render: (node, {processInstanceId}) => {
    const link = document.createElement('a');
    link.href = '/app/records/cases/' + encodeURIComponent(processInstanceId);
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = '開啟此個案的可列印記錄(投訴檔案、專用信封或月報)';
    const p = document.createElement('p');
    p.style.padding = '12px';
    p.appendChild(link);
    node.appendChild(p);
  }
}];
