import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 427:
/***/ (function(__unused_webpack_module, exports) {

/*!
 * hash-wasm (https://www.npmjs.com/package/hash-wasm)
 * (c) Dani Biro
 * @license MIT
 */

!function(I,A){ true?A(exports):0}(this,function(I){"use strict";var A,i={name:"blake2b",data:"AGFzbQEAAAABEQRgAAF/YAJ/fwBgAX8AYAAAAwoJAAECAwECAgABBQQBAQICBg8CfwFBgIAEC38AQYCABAsHggEJBm1lbW9yeQIAD19fc3RhY2tfcG9pbnRlcgMADkhhc2hfR2V0QnVmZmVyAAAKSGFzaF9GaW5hbAADCUhhc2hfSW5pdAAFC0hhc2hfVXBkYXRlAAYNSGFzaF9HZXRTdGF0ZQAHDkhhc2hfQ2FsY3VsYXRlAAgKU1RBVEVfU0laRQMBCsU4CQYAQYCBBAvcAgIFfwF+AkAgAUEBSA0AAkAgAUGAAUEAKALgggUiAmsiA0wNAEEAQQA2AuCCBQJAIAJB/wBKDQAgAkHggQVqIQQgACEFQQAhBgNAIAQgBS0AADoAACAFQQFqIQUgBEEBaiEEIAMgBkEBaiIGQf8BcUoNAAsLQQBBACkDwIEFIgdCgAF8NwPAgQVBAEEAKQPIgQUgB0L/flatfDcDyIEFQeCBBRACIAAgA2ohAAJAIAEgA2siBEGBAU4NACAEIQEMAQsgAiABaiEEA0BBAEEAKQPAgQUiB0KAAXw3A8CBBUEAQQApA8iBBSAHQv9+Vq18NwPIgQUgABACIABBgAFqIQAgBEGAf2oiBEGAAksNAAsgBEGAf2ohAQtBACEEA0AgBEEAKALgggVqQeCBBWogACAEai0AADoAACABIARBAWoiBEH/AXFLDQALQQBBACgC4IIFIAFqNgLgggULC78uASR+QQBBACkD0IEFQQApA7CBBSIBQQApA5CBBXwgACkDICICfCIDhULr+obav7X2wR+FQiCJIgRCq/DT9K/uvLc8fCIFIAGFQiiJIgYgA3wgACkDKCIBfCIHIASFQjCJIgggBXwiCSAGhUIBiSIKQQApA8iBBUEAKQOogQUiBEEAKQOIgQV8IAApAxAiA3wiBYVCn9j52cKR2oKbf4VCIIkiC0K7zqqm2NDrs7t/fCIMIASFQiiJIg0gBXwgACkDGCIEfCIOfCAAKQNQIgV8Ig9BACkDwIEFQQApA6CBBSIQQQApA4CBBSIRfCAAKQMAIgZ8IhKFQtGFmu/6z5SH0QCFQiCJIhNCiJLznf/M+YTqAHwiFCAQhUIoiSIVIBJ8IAApAwgiEHwiFiAThUIwiSIXhUIgiSIYQQApA9iBBUEAKQO4gQUiE0EAKQOYgQV8IAApAzAiEnwiGYVC+cL4m5Gjs/DbAIVCIIkiGkLx7fT4paf9p6V/fCIbIBOFQiiJIhwgGXwgACkDOCITfCIZIBqFQjCJIhogG3wiG3wiHSAKhUIoiSIeIA98IAApA1giCnwiDyAYhUIwiSIYIB18Ih0gDiALhUIwiSIOIAx8Ih8gDYVCAYkiDCAWfCAAKQNAIgt8Ig0gGoVCIIkiFiAJfCIaIAyFQiiJIiAgDXwgACkDSCIJfCIhIBaFQjCJIhYgGyAchUIBiSIMIAd8IAApA2AiB3wiDSAOhUIgiSIOIBcgFHwiFHwiFyAMhUIoiSIbIA18IAApA2giDHwiHCAOhUIwiSIOIBd8IhcgG4VCAYkiGyAZIBQgFYVCAYkiFHwgACkDcCINfCIVIAiFQiCJIhkgH3wiHyAUhUIoiSIUIBV8IAApA3giCHwiFXwgDHwiIoVCIIkiI3wiJCAbhUIoiSIbICJ8IBJ8IiIgFyAYIBUgGYVCMIkiFSAffCIZIBSFQgGJIhQgIXwgDXwiH4VCIIkiGHwiFyAUhUIoiSIUIB98IAV8Ih8gGIVCMIkiGCAXfCIXIBSFQgGJIhR8IAF8IiEgFiAafCIWIBUgHSAehUIBiSIaIBx8IAl8IhyFQiCJIhV8Ih0gGoVCKIkiGiAcfCAIfCIcIBWFQjCJIhWFQiCJIh4gGSAOIBYgIIVCAYkiFiAPfCACfCIPhUIgiSIOfCIZIBaFQiiJIhYgD3wgC3wiDyAOhUIwiSIOIBl8Ihl8IiAgFIVCKIkiFCAhfCAEfCIhIB6FQjCJIh4gIHwiICAiICOFQjCJIiIgJHwiIyAbhUIBiSIbIBx8IAp8IhwgDoVCIIkiDiAXfCIXIBuFQiiJIhsgHHwgE3wiHCAOhUIwiSIOIBkgFoVCAYkiFiAffCAQfCIZICKFQiCJIh8gFSAdfCIVfCIdIBaFQiiJIhYgGXwgB3wiGSAfhUIwiSIfIB18Ih0gFoVCAYkiFiAVIBqFQgGJIhUgD3wgBnwiDyAYhUIgiSIYICN8IhogFYVCKIkiFSAPfCADfCIPfCAHfCIihUIgiSIjfCIkIBaFQiiJIhYgInwgBnwiIiAjhUIwiSIjICR8IiQgFoVCAYkiFiAOIBd8Ig4gDyAYhUIwiSIPICAgFIVCAYkiFCAZfCAKfCIXhUIgiSIYfCIZIBSFQiiJIhQgF3wgC3wiF3wgBXwiICAPIBp8Ig8gHyAOIBuFQgGJIg4gIXwgCHwiGoVCIIkiG3wiHyAOhUIoiSIOIBp8IAx8IhogG4VCMIkiG4VCIIkiISAdIB4gDyAVhUIBiSIPIBx8IAF8IhWFQiCJIhx8Ih0gD4VCKIkiDyAVfCADfCIVIByFQjCJIhwgHXwiHXwiHiAWhUIoiSIWICB8IA18IiAgIYVCMIkiISAefCIeIBogFyAYhUIwiSIXIBl8IhggFIVCAYkiFHwgCXwiGSAchUIgiSIaICR8IhwgFIVCKIkiFCAZfCACfCIZIBqFQjCJIhogHSAPhUIBiSIPICJ8IAR8Ih0gF4VCIIkiFyAbIB98Iht8Ih8gD4VCKIkiDyAdfCASfCIdIBeFQjCJIhcgH3wiHyAPhUIBiSIPIBsgDoVCAYkiDiAVfCATfCIVICOFQiCJIhsgGHwiGCAOhUIoiSIOIBV8IBB8IhV8IAx8IiKFQiCJIiN8IiQgD4VCKIkiDyAifCAHfCIiICOFQjCJIiMgJHwiJCAPhUIBiSIPIBogHHwiGiAVIBuFQjCJIhUgHiAWhUIBiSIWIB18IAR8IhuFQiCJIhx8Ih0gFoVCKIkiFiAbfCAQfCIbfCABfCIeIBUgGHwiFSAXIBogFIVCAYkiFCAgfCATfCIYhUIgiSIXfCIaIBSFQiiJIhQgGHwgCXwiGCAXhUIwiSIXhUIgiSIgIB8gISAVIA6FQgGJIg4gGXwgCnwiFYVCIIkiGXwiHyAOhUIoiSIOIBV8IA18IhUgGYVCMIkiGSAffCIffCIhIA+FQiiJIg8gHnwgBXwiHiAghUIwiSIgICF8IiEgGyAchUIwiSIbIB18IhwgFoVCAYkiFiAYfCADfCIYIBmFQiCJIhkgJHwiHSAWhUIoiSIWIBh8IBJ8IhggGYVCMIkiGSAfIA6FQgGJIg4gInwgAnwiHyAbhUIgiSIbIBcgGnwiF3wiGiAOhUIoiSIOIB98IAZ8Ih8gG4VCMIkiGyAafCIaIA6FQgGJIg4gFSAXIBSFQgGJIhR8IAh8IhUgI4VCIIkiFyAcfCIcIBSFQiiJIhQgFXwgC3wiFXwgBXwiIoVCIIkiI3wiJCAOhUIoiSIOICJ8IAh8IiIgGiAgIBUgF4VCMIkiFSAcfCIXIBSFQgGJIhQgGHwgCXwiGIVCIIkiHHwiGiAUhUIoiSIUIBh8IAZ8IhggHIVCMIkiHCAafCIaIBSFQgGJIhR8IAR8IiAgGSAdfCIZIBUgISAPhUIBiSIPIB98IAN8Ih2FQiCJIhV8Ih8gD4VCKIkiDyAdfCACfCIdIBWFQjCJIhWFQiCJIiEgFyAbIBkgFoVCAYkiFiAefCABfCIZhUIgiSIbfCIXIBaFQiiJIhYgGXwgE3wiGSAbhUIwiSIbIBd8Ihd8Ih4gFIVCKIkiFCAgfCAMfCIgICGFQjCJIiEgHnwiHiAiICOFQjCJIiIgJHwiIyAOhUIBiSIOIB18IBJ8Ih0gG4VCIIkiGyAafCIaIA6FQiiJIg4gHXwgC3wiHSAbhUIwiSIbIBcgFoVCAYkiFiAYfCANfCIXICKFQiCJIhggFSAffCIVfCIfIBaFQiiJIhYgF3wgEHwiFyAYhUIwiSIYIB98Ih8gFoVCAYkiFiAVIA+FQgGJIg8gGXwgCnwiFSAchUIgiSIZICN8IhwgD4VCKIkiDyAVfCAHfCIVfCASfCIihUIgiSIjfCIkIBaFQiiJIhYgInwgBXwiIiAjhUIwiSIjICR8IiQgFoVCAYkiFiAbIBp8IhogFSAZhUIwiSIVIB4gFIVCAYkiFCAXfCADfCIXhUIgiSIZfCIbIBSFQiiJIhQgF3wgB3wiF3wgAnwiHiAVIBx8IhUgGCAaIA6FQgGJIg4gIHwgC3wiGoVCIIkiGHwiHCAOhUIoiSIOIBp8IAR8IhogGIVCMIkiGIVCIIkiICAfICEgFSAPhUIBiSIPIB18IAZ8IhWFQiCJIh18Ih8gD4VCKIkiDyAVfCAKfCIVIB2FQjCJIh0gH3wiH3wiISAWhUIoiSIWIB58IAx8Ih4gIIVCMIkiICAhfCIhIBogFyAZhUIwiSIXIBt8IhkgFIVCAYkiFHwgEHwiGiAdhUIgiSIbICR8Ih0gFIVCKIkiFCAafCAJfCIaIBuFQjCJIhsgHyAPhUIBiSIPICJ8IBN8Ih8gF4VCIIkiFyAYIBx8Ihh8IhwgD4VCKIkiDyAffCABfCIfIBeFQjCJIhcgHHwiHCAPhUIBiSIPIBggDoVCAYkiDiAVfCAIfCIVICOFQiCJIhggGXwiGSAOhUIoiSIOIBV8IA18IhV8IA18IiKFQiCJIiN8IiQgD4VCKIkiDyAifCAMfCIiICOFQjCJIiMgJHwiJCAPhUIBiSIPIBsgHXwiGyAVIBiFQjCJIhUgISAWhUIBiSIWIB98IBB8IhiFQiCJIh18Ih8gFoVCKIkiFiAYfCAIfCIYfCASfCIhIBUgGXwiFSAXIBsgFIVCAYkiFCAefCAHfCIZhUIgiSIXfCIbIBSFQiiJIhQgGXwgAXwiGSAXhUIwiSIXhUIgiSIeIBwgICAVIA6FQgGJIg4gGnwgAnwiFYVCIIkiGnwiHCAOhUIoiSIOIBV8IAV8IhUgGoVCMIkiGiAcfCIcfCIgIA+FQiiJIg8gIXwgBHwiISAehUIwiSIeICB8IiAgGCAdhUIwiSIYIB98Ih0gFoVCAYkiFiAZfCAGfCIZIBqFQiCJIhogJHwiHyAWhUIoiSIWIBl8IBN8IhkgGoVCMIkiGiAcIA6FQgGJIg4gInwgCXwiHCAYhUIgiSIYIBcgG3wiF3wiGyAOhUIoiSIOIBx8IAN8IhwgGIVCMIkiGCAbfCIbIA6FQgGJIg4gFSAXIBSFQgGJIhR8IAt8IhUgI4VCIIkiFyAdfCIdIBSFQiiJIhQgFXwgCnwiFXwgBHwiIoVCIIkiI3wiJCAOhUIoiSIOICJ8IAl8IiIgGyAeIBUgF4VCMIkiFSAdfCIXIBSFQgGJIhQgGXwgDHwiGYVCIIkiHXwiGyAUhUIoiSIUIBl8IAp8IhkgHYVCMIkiHSAbfCIbIBSFQgGJIhR8IAN8Ih4gGiAffCIaIBUgICAPhUIBiSIPIBx8IAd8IhyFQiCJIhV8Ih8gD4VCKIkiDyAcfCAQfCIcIBWFQjCJIhWFQiCJIiAgFyAYIBogFoVCAYkiFiAhfCATfCIahUIgiSIYfCIXIBaFQiiJIhYgGnwgDXwiGiAYhUIwiSIYIBd8Ihd8IiEgFIVCKIkiFCAefCAFfCIeICCFQjCJIiAgIXwiISAiICOFQjCJIiIgJHwiIyAOhUIBiSIOIBx8IAt8IhwgGIVCIIkiGCAbfCIbIA6FQiiJIg4gHHwgEnwiHCAYhUIwiSIYIBcgFoVCAYkiFiAZfCABfCIXICKFQiCJIhkgFSAffCIVfCIfIBaFQiiJIhYgF3wgBnwiFyAZhUIwiSIZIB98Ih8gFoVCAYkiFiAVIA+FQgGJIg8gGnwgCHwiFSAdhUIgiSIaICN8Ih0gD4VCKIkiDyAVfCACfCIVfCANfCIihUIgiSIjfCIkIBaFQiiJIhYgInwgCXwiIiAjhUIwiSIjICR8IiQgFoVCAYkiFiAYIBt8IhggFSAahUIwiSIVICEgFIVCAYkiFCAXfCASfCIXhUIgiSIafCIbIBSFQiiJIhQgF3wgCHwiF3wgB3wiISAVIB18IhUgGSAYIA6FQgGJIg4gHnwgBnwiGIVCIIkiGXwiHSAOhUIoiSIOIBh8IAt8IhggGYVCMIkiGYVCIIkiHiAfICAgFSAPhUIBiSIPIBx8IAp8IhWFQiCJIhx8Ih8gD4VCKIkiDyAVfCAEfCIVIByFQjCJIhwgH3wiH3wiICAWhUIoiSIWICF8IAN8IiEgHoVCMIkiHiAgfCIgIBggFyAahUIwiSIXIBt8IhogFIVCAYkiFHwgBXwiGCAchUIgiSIbICR8IhwgFIVCKIkiFCAYfCABfCIYIBuFQjCJIhsgHyAPhUIBiSIPICJ8IAx8Ih8gF4VCIIkiFyAZIB18Ihl8Ih0gD4VCKIkiDyAffCATfCIfIBeFQjCJIhcgHXwiHSAPhUIBiSIPIBkgDoVCAYkiDiAVfCAQfCIVICOFQiCJIhkgGnwiGiAOhUIoiSIOIBV8IAJ8IhV8IBN8IiKFQiCJIiN8IiQgD4VCKIkiDyAifCASfCIiICOFQjCJIiMgJHwiJCAPhUIBiSIPIBsgHHwiGyAVIBmFQjCJIhUgICAWhUIBiSIWIB98IAt8IhmFQiCJIhx8Ih8gFoVCKIkiFiAZfCACfCIZfCAJfCIgIBUgGnwiFSAXIBsgFIVCAYkiFCAhfCAFfCIahUIgiSIXfCIbIBSFQiiJIhQgGnwgA3wiGiAXhUIwiSIXhUIgiSIhIB0gHiAVIA6FQgGJIg4gGHwgEHwiFYVCIIkiGHwiHSAOhUIoiSIOIBV8IAF8IhUgGIVCMIkiGCAdfCIdfCIeIA+FQiiJIg8gIHwgDXwiICAhhUIwiSIhIB58Ih4gGSAchUIwiSIZIB98IhwgFoVCAYkiFiAafCAIfCIaIBiFQiCJIhggJHwiHyAWhUIoiSIWIBp8IAp8IhogGIVCMIkiGCAdIA6FQgGJIg4gInwgBHwiHSAZhUIgiSIZIBcgG3wiF3wiGyAOhUIoiSIOIB18IAd8Ih0gGYVCMIkiGSAbfCIbIA6FQgGJIg4gFSAXIBSFQgGJIhR8IAx8IhUgI4VCIIkiFyAcfCIcIBSFQiiJIhQgFXwgBnwiFXwgEnwiIoVCIIkiI3wiJCAOhUIoiSIOICJ8IBN8IiIgGyAhIBUgF4VCMIkiFSAcfCIXIBSFQgGJIhQgGnwgBnwiGoVCIIkiHHwiGyAUhUIoiSIUIBp8IBB8IhogHIVCMIkiHCAbfCIbIBSFQgGJIhR8IA18IiEgGCAffCIYIBUgHiAPhUIBiSIPIB18IAJ8Ih2FQiCJIhV8Ih4gD4VCKIkiDyAdfCABfCIdIBWFQjCJIhWFQiCJIh8gFyAZIBggFoVCAYkiFiAgfCADfCIYhUIgiSIZfCIXIBaFQiiJIhYgGHwgBHwiGCAZhUIwiSIZIBd8Ihd8IiAgFIVCKIkiFCAhfCAIfCIhIB+FQjCJIh8gIHwiICAiICOFQjCJIiIgJHwiIyAOhUIBiSIOIB18IAd8Ih0gGYVCIIkiGSAbfCIbIA6FQiiJIg4gHXwgDHwiHSAZhUIwiSIZIBcgFoVCAYkiFiAafCALfCIXICKFQiCJIhogFSAefCIVfCIeIBaFQiiJIhYgF3wgCXwiFyAahUIwiSIaIB58Ih4gFoVCAYkiFiAVIA+FQgGJIg8gGHwgBXwiFSAchUIgiSIYICN8IhwgD4VCKIkiDyAVfCAKfCIVfCACfCIChUIgiSIifCIjIBaFQiiJIhYgAnwgC3wiAiAihUIwiSILICN8IiIgFoVCAYkiFiAZIBt8IhkgFSAYhUIwiSIVICAgFIVCAYkiFCAXfCANfCINhUIgiSIXfCIYIBSFQiiJIhQgDXwgBXwiBXwgEHwiECAVIBx8Ig0gGiAZIA6FQgGJIg4gIXwgDHwiDIVCIIkiFXwiGSAOhUIoiSIOIAx8IBJ8IhIgFYVCMIkiDIVCIIkiFSAeIB8gDSAPhUIBiSINIB18IAl8IgmFQiCJIg98IhogDYVCKIkiDSAJfCAIfCIJIA+FQjCJIgggGnwiD3wiGiAWhUIoiSIWIBB8IAd8IhAgEYUgDCAZfCIHIA6FQgGJIgwgCXwgCnwiCiALhUIgiSILIAUgF4VCMIkiBSAYfCIJfCIOIAyFQiiJIgwgCnwgE3wiEyALhUIwiSIKIA58IguFNwOAgQVBACADIAYgDyANhUIBiSINIAJ8fCICIAWFQiCJIgUgB3wiBiANhUIoiSIHIAJ8fCICQQApA4iBBYUgBCABIBIgCSAUhUIBiSIDfHwiASAIhUIgiSISICJ8IgkgA4VCKIkiAyABfHwiASAShUIwiSIEIAl8IhKFNwOIgQVBACATQQApA5CBBYUgECAVhUIwiSIQIBp8IhOFNwOQgQVBACABQQApA5iBBYUgAiAFhUIwiSICIAZ8IgGFNwOYgQVBACASIAOFQgGJQQApA6CBBYUgAoU3A6CBBUEAIBMgFoVCAYlBACkDqIEFhSAKhTcDqIEFQQAgASAHhUIBiUEAKQOwgQWFIASFNwOwgQVBACALIAyFQgGJQQApA7iBBYUgEIU3A7iBBQveAgUBfwF+AX8BfgJ/IwBBwABrIgAkAAJAQQApA9CBBUIAUg0AQQBBACkDwIEFIgFBACgC4IIFIgKsfCIDNwPAgQVBAEEAKQPIgQUgAyABVK18NwPIgQUCQEEALQDoggVFDQBBAEJ/NwPYgQULQQBCfzcD0IEFAkAgAkH/AEoNAEEAIQQDQCACIARqQeCBBWpBADoAACAEQQFqIgRBgAFBACgC4IIFIgJrSA0ACwtB4IEFEAIgAEEAKQOAgQU3AwAgAEEAKQOIgQU3AwggAEEAKQOQgQU3AxAgAEEAKQOYgQU3AxggAEEAKQOggQU3AyAgAEEAKQOogQU3AyggAEEAKQOwgQU3AzAgAEEAKQO4gQU3AzhBACgC5IIFIgVBAUgNAEEAIQJBACEEA0AgBEGAgQRqIAAgBGotAAA6AAAgBEEBaiEEIAUgAkEBaiICQf8BcUsNAAsLIABBwABqJAAL+gMCAn8BfiMAQYABayICJABBAEGBAjsB8oIFQQAgAToA8YIFQQAgADoA8IIFQZB+IQADQCAAQYCDBWpCADcAACAAQfiCBWpCADcAACAAQfCCBWpCADcAACAAQRhqIgANAAtBACEDQQBBACkD8IIFIgRCiJLznf/M+YTqAIU3A4CBBUEAQQApA/iCBUK7zqqm2NDrs7t/hTcDiIEFQQBBACkDgIMFQqvw0/Sv7ry3PIU3A5CBBUEAQQApA4iDBULx7fT4paf9p6V/hTcDmIEFQQBBACkDkIMFQtGFmu/6z5SH0QCFNwOggQVBAEEAKQOYgwVCn9j52cKR2oKbf4U3A6iBBUEAQQApA6CDBULr+obav7X2wR+FNwOwgQVBAEEAKQOogwVC+cL4m5Gjs/DbAIU3A7iBBUEAIASnQf8BcTYC5IIFAkAgAUUNACACQgA3A3ggAkIANwNwIAJCADcDaCACQgA3A2AgAkIANwNYIAJCADcDUCACQgA3A0ggAkIANwNAIAJCADcDOCACQgA3AzAgAkIANwMoIAJCADcDICACQgA3AxggAkIANwMQIAJCADcDCCACQgA3AwBBACEAA0AgAiAAaiAAQYCBBGotAAA6AAAgAEEBaiEAIAEgA0EBaiIDQf8BcUsNAAsgAkGAARABCyACQYABaiQACxIAIABBA3ZB/z9xIABBEHYQBAsKAEGAgQQgABABCwYAQYCBBQscACABQQN2Qf8/cSABQRB2EARBgIEEIAAQARADCwsMAQBBgIAECwTwAAAA",hash:"22cf500a"};function C(I,A,i,C){return new(i||(i=Promise))(function(g,h){function B(I){try{f(C.next(I))}catch(I){h(I)}}function e(I){try{f(C.throw(I))}catch(I){h(I)}}function f(I){var A;I.done?g(I.value):(A=I.value,A instanceof i?A:new i(function(I){I(A)})).then(B,e)}f((C=C.apply(I,A||[])).next())})}"function"==typeof SuppressedError&&SuppressedError;class g{constructor(){this.mutex=Promise.resolve()}lock(){let I=()=>{};return this.mutex=this.mutex.then(()=>new Promise(I)),new Promise(A=>{I=A})}dispatch(I){return C(this,void 0,void 0,function*(){const A=yield this.lock();try{return yield Promise.resolve(I())}finally{A()}})}}const h="undefined"!=typeof globalThis?globalThis:"undefined"!=typeof self?self:"undefined"!=typeof window?window:global,B=null!==(A=h.Buffer)&&void 0!==A?A:null,e=h.TextEncoder?new h.TextEncoder:null;function f(I,A){return(15&I)+(I>>6|I>>3&8)<<4|(15&A)+(A>>6|A>>3&8)}const t="a".charCodeAt(0)-10,w="0".charCodeAt(0);function F(I,A,i){let C=0;for(let g=0;g<i;g++){let i=A[g]>>>4;I[C++]=i>9?i+t:i+w,i=15&A[g],I[C++]=i>9?i+t:i+w}return String.fromCharCode.apply(null,I)}const Q=null!==B?I=>{if("string"==typeof I){const A=B.from(I,"utf8");return new Uint8Array(A.buffer,A.byteOffset,A.length)}if(B.isBuffer(I))return new Uint8Array(I.buffer,I.byteOffset,I.length);if(ArrayBuffer.isView(I))return new Uint8Array(I.buffer,I.byteOffset,I.byteLength);throw new Error("Invalid data type!")}:I=>{if("string"==typeof I)return e.encode(I);if(ArrayBuffer.isView(I))return new Uint8Array(I.buffer,I.byteOffset,I.byteLength);throw new Error("Invalid data type!")},n="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",o=new Uint8Array(256);for(let I=0;I<64;I++)o[n.charCodeAt(I)]=I;function r(I){const A=function(I){let A=Math.floor(.75*I.length);const i=I.length;return"="===I[i-1]&&(A-=1,"="===I[i-2]&&(A-=1)),A}(I),i=I.length,C=new Uint8Array(A);let g=0;for(let A=0;A<i;A+=4){const i=o[I.charCodeAt(A)],h=o[I.charCodeAt(A+1)],B=o[I.charCodeAt(A+2)],e=o[I.charCodeAt(A+3)];C[g]=i<<2|h>>4,g+=1,C[g]=(15&h)<<4|B>>2,g+=1,C[g]=(3&B)<<6|63&e,g+=1}return C}const S=16384,U=new g,a=new Map;function s(I,A){return C(this,void 0,void 0,function*(){let i=null,g=null,h=!1;if("undefined"==typeof WebAssembly)throw new Error("WebAssembly is not supported in this environment!");const B=()=>new DataView(i.exports.memory.buffer).getUint32(i.exports.STATE_SIZE,!0),e=U.dispatch(()=>C(this,void 0,void 0,function*(){if(!a.has(I.name)){const A=r(I.data),i=WebAssembly.compile(A.buffer);a.set(I.name,i)}const A=yield a.get(I.name);i=yield WebAssembly.instantiate(A,{})})),t=(I=null)=>{h=!0,i.exports.Hash_Init(I)},w=I=>{if(!h)throw new Error("update() called before init()");(I=>{let A=0;for(;A<I.length;){const C=I.subarray(A,A+S);A+=C.length,g.set(C),i.exports.Hash_Update(C.length)}})(Q(I))},n=new Uint8Array(2*A),o=(I,C=null)=>{if(!h)throw new Error("digest() called before init()");return h=!1,i.exports.Hash_Final(C),"binary"===I?g.slice(0,A):F(n,g,A)},s=I=>"string"==typeof I?I.length<4096:I.byteLength<S;let V=s;switch(I.name){case"argon2":case"scrypt":V=()=>!0;break;case"blake2b":case"blake2s":V=(I,A)=>A<=512&&s(I);break;case"blake3":V=(I,A)=>0===A&&s(I);break;case"xxhash64":case"xxhash3":case"xxhash128":case"crc64":V=()=>!1}return yield(()=>C(this,void 0,void 0,function*(){i||(yield e);const I=i.exports.Hash_GetBuffer(),A=i.exports.memory.buffer;g=new Uint8Array(A,I,S)}))(),{getMemory:()=>g,writeMemory:(I,A=0)=>{g.set(I,A)},getExports:()=>i.exports,setMemorySize:I=>{i.exports.Hash_SetMemorySize(I);const A=i.exports.Hash_GetBuffer(),C=i.exports.memory.buffer;g=new Uint8Array(C,A,I)},init:t,update:w,digest:o,save:()=>{if(!h)throw new Error("save() can only be called after init() and before digest()");const A=i.exports.Hash_GetState(),C=B(),g=i.exports.memory.buffer,e=new Uint8Array(g,A,C),t=new Uint8Array(4+C);return function(I,A){const i=A.length>>1;for(let C=0;C<i;C++){const i=C<<1;I[C]=f(A.charCodeAt(i),A.charCodeAt(i+1))}}(t,I.hash),t.set(e,4),t},load:A=>{if(!(A instanceof Uint8Array))throw new Error("load() expects an Uint8Array generated by save()");const C=i.exports.Hash_GetState(),g=B(),e=4+g,t=i.exports.memory.buffer;if(A.length!==e)throw new Error(`Bad state length (expected ${e} bytes, got ${A.length})`);if(!function(I,A){if(I.length!==2*A.length)return!1;for(let i=0;i<A.length;i++){const C=i<<1;if(A[i]!==f(I.charCodeAt(C),I.charCodeAt(C+1)))return!1}return!0}(I.hash,A.subarray(0,4)))throw new Error("This state was written by an incompatible hash implementation");const w=A.subarray(4);new Uint8Array(t,C,g).set(w),h=!0},calculate:(I,C=null,h=null)=>{if(!V(I,C))return t(C),w(I),o("hex",h);const B=Q(I);return g.set(B),i.exports.Hash_Calculate(B.length,C,h),F(n,g,A)},hashLength:A}})}const V=new g;let J=null;function c(I){return!Number.isInteger(I)||I<8||I>512||I%8!=0?new Error("Invalid variant! Valid values: 8, 16, ..., 512"):null}function k(I,A){return I|A<<16}I.blake2b=function(I,A=512,g=null){if(c(A))return Promise.reject(c(A));let h=null,B=A;if(null!==g){if(h=Q(g),h.length>64)return Promise.reject(new Error("Max key length is 64 bytes"));B=k(A,h.length)}const e=A/8;if(null===J||J.hashLength!==e)return function(I,A,i){return C(this,void 0,void 0,function*(){const C=yield I.lock(),g=yield s(A,i);return C(),g})}(V,i,e).then(A=>(J=A,B>512&&J.writeMemory(h),J.calculate(I,B)));try{B>512&&J.writeMemory(h);const A=J.calculate(I,B);return Promise.resolve(A)}catch(I){return Promise.reject(I)}},I.createBLAKE2b=function(I=512,A=null){if(c(I))return Promise.reject(c(I));let C=null,g=I;if(null!==A){if(C=Q(A),C.length>64)return Promise.reject(new Error("Max key length is 64 bytes"));g=k(I,C.length)}const h=I/8;return s(i,h).then(I=>{g>512&&I.writeMemory(C),I.init(g);const A={init:g>512?()=>(I.writeMemory(C),I.init(g),A):()=>(I.init(g),A),update:i=>(I.update(i),A),digest:A=>I.digest(A),save:()=>I.save(),load:i=>(I.load(i),A),blockSize:128,digestSize:h};return A})}});


/***/ }),

/***/ 704:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

let imports = {};
imports['__wbindgen_placeholder__'] = module.exports;
let wasm;
const { TextDecoder, TextEncoder } = __nccwpck_require__(23);

let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

cachedTextDecoder.decode();

let cachedUint8Memory0 = new Uint8Array();

function getUint8Memory0() {
    if (cachedUint8Memory0.byteLength === 0) {
        cachedUint8Memory0 = new Uint8Array(wasm.memory.buffer);
    }
    return cachedUint8Memory0;
}

function getStringFromWasm0(ptr, len) {
    return cachedTextDecoder.decode(getUint8Memory0().subarray(ptr, ptr + len));
}

const heap = new Array(32).fill(undefined);

heap.push(undefined, null, true, false);

let heap_next = heap.length;

function addHeapObject(obj) {
    if (heap_next === heap.length) heap.push(heap.length + 1);
    const idx = heap_next;
    heap_next = heap[idx];

    heap[idx] = obj;
    return idx;
}

let WASM_VECTOR_LEN = 0;

let cachedTextEncoder = new TextEncoder('utf-8');

const encodeString = (typeof cachedTextEncoder.encodeInto === 'function'
    ? function (arg, view) {
    return cachedTextEncoder.encodeInto(arg, view);
}
    : function (arg, view) {
    const buf = cachedTextEncoder.encode(arg);
    view.set(buf);
    return {
        read: arg.length,
        written: buf.length
    };
});

function passStringToWasm0(arg, malloc, realloc) {

    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length);
        getUint8Memory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }

    let len = arg.length;
    let ptr = malloc(len);

    const mem = getUint8Memory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }

    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3);
        const view = getUint8Memory0().subarray(ptr + offset, ptr + len);
        const ret = encodeString(arg, view);

        offset += ret.written;
    }

    WASM_VECTOR_LEN = offset;
    return ptr;
}

let cachedInt32Memory0 = new Int32Array();

function getInt32Memory0() {
    if (cachedInt32Memory0.byteLength === 0) {
        cachedInt32Memory0 = new Int32Array(wasm.memory.buffer);
    }
    return cachedInt32Memory0;
}

function getObject(idx) { return heap[idx]; }

function dropObject(idx) {
    if (idx < 36) return;
    heap[idx] = heap_next;
    heap_next = idx;
}

function takeObject(idx) {
    const ret = getObject(idx);
    dropObject(idx);
    return ret;
}

function getArrayU8FromWasm0(ptr, len) {
    return getUint8Memory0().subarray(ptr / 1, ptr / 1 + len);
}
/**
* @param {string} input
* @returns {Uint8Array}
*/
module.exports.compress = function(input) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        const ptr0 = passStringToWasm0(input, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        wasm.compress(retptr, ptr0, len0);
        var r0 = getInt32Memory0()[retptr / 4 + 0];
        var r1 = getInt32Memory0()[retptr / 4 + 1];
        var r2 = getInt32Memory0()[retptr / 4 + 2];
        var r3 = getInt32Memory0()[retptr / 4 + 3];
        if (r3) {
            throw takeObject(r2);
        }
        var v1 = getArrayU8FromWasm0(r0, r1).slice();
        wasm.__wbindgen_free(r0, r1 * 1);
        return v1;
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
};

function passArray8ToWasm0(arg, malloc) {
    const ptr = malloc(arg.length * 1);
    getUint8Memory0().set(arg, ptr / 1);
    WASM_VECTOR_LEN = arg.length;
    return ptr;
}
/**
* @param {Uint8Array} input
* @returns {Uint8Array}
*/
module.exports.compress_raw = function(input) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        const ptr0 = passArray8ToWasm0(input, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        wasm.compress_raw(retptr, ptr0, len0);
        var r0 = getInt32Memory0()[retptr / 4 + 0];
        var r1 = getInt32Memory0()[retptr / 4 + 1];
        var r2 = getInt32Memory0()[retptr / 4 + 2];
        var r3 = getInt32Memory0()[retptr / 4 + 3];
        if (r3) {
            throw takeObject(r2);
        }
        var v1 = getArrayU8FromWasm0(r0, r1).slice();
        wasm.__wbindgen_free(r0, r1 * 1);
        return v1;
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
};

/**
* @param {Uint8Array} input
* @returns {string}
*/
module.exports.decompress = function(input) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        const ptr0 = passArray8ToWasm0(input, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        wasm.decompress(retptr, ptr0, len0);
        var r0 = getInt32Memory0()[retptr / 4 + 0];
        var r1 = getInt32Memory0()[retptr / 4 + 1];
        var r2 = getInt32Memory0()[retptr / 4 + 2];
        var r3 = getInt32Memory0()[retptr / 4 + 3];
        var ptr1 = r0;
        var len1 = r1;
        if (r3) {
            ptr1 = 0; len1 = 0;
            throw takeObject(r2);
        }
        return getStringFromWasm0(ptr1, len1);
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
        wasm.__wbindgen_free(ptr1, len1);
    }
};

/**
* @param {Uint8Array} input
* @returns {Uint8Array}
*/
module.exports.decompress_raw = function(input) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        const ptr0 = passArray8ToWasm0(input, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        wasm.decompress_raw(retptr, ptr0, len0);
        var r0 = getInt32Memory0()[retptr / 4 + 0];
        var r1 = getInt32Memory0()[retptr / 4 + 1];
        var r2 = getInt32Memory0()[retptr / 4 + 2];
        var r3 = getInt32Memory0()[retptr / 4 + 3];
        if (r3) {
            throw takeObject(r2);
        }
        var v1 = getArrayU8FromWasm0(r0, r1).slice();
        wasm.__wbindgen_free(r0, r1 * 1);
        return v1;
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
};

module.exports.__wbindgen_error_new = function(arg0, arg1) {
    const ret = new Error(getStringFromWasm0(arg0, arg1));
    return addHeapObject(ret);
};

const path = __nccwpck_require__.ab + "snappy_bg.wasm";
const bytes = (__nccwpck_require__(896).readFileSync)(__nccwpck_require__.ab + "snappy_bg.wasm");

const wasmModule = new WebAssembly.Module(bytes);
const wasmInstance = new WebAssembly.Instance(wasmModule, imports);
wasm = wasmInstance.exports;
module.exports.__wasm = wasm;



/***/ }),

/***/ 896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 23:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 194:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// hash-wasm's BLAKE2b on its own: the package's main build holds every algorithm it has, 280 KB
// that each block worker would parse as it starts.
/* eslint-disable no-undef, @typescript-eslint/no-require-imports */
module.exports = __nccwpck_require__(427)


/***/ }),

/***/ 394:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// snappy-wasm's CommonJS build instantiates its WebAssembly synchronously from a file beside it,
// which the bundler relocates; its ES build needs an asynchronous init and a wasm-aware loader.
// Requiring it from a CommonJS file is what lets the bundler follow it.
/* eslint-disable no-undef, @typescript-eslint/no-require-imports */
module.exports = __nccwpck_require__(704)


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/common/errors.ts
/**
 * A mistake the user can fix: bad input, a missing file, a refused credential. The action ends
 * with its one-line message and no stack trace. Anything else is a bug and keeps its stack.
 */
class UserError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UserError';
    }
}
function isUserError(error) {
    return error instanceof UserError;
}
/** The message of any thrown value, on one line. */
function oneLine(error) {
    const text = error instanceof Error ? error.message : String(error);
    return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
// EXTERNAL MODULE: ./src/flist/format/blake2b-loader.cjs
var blake2b_loader = __nccwpck_require__(194);
var blake2b_loader_default = /*#__PURE__*/__nccwpck_require__.n(blake2b_loader);
// EXTERNAL MODULE: ./src/flist/format/snappy-loader.cjs
var snappy_loader = __nccwpck_require__(394);
var snappy_loader_default = /*#__PURE__*/__nccwpck_require__.n(snappy_loader);
;// CONCATENATED MODULE: ./src/flist/format/snappy.ts

const wasm = (snappy_loader_default()).__wasm;
/**
 * Compresses `plain` and lends the compressed bytes to `use` where they lie, in the module's
 * WebAssembly memory; the view is valid only during the call. The module's `compress_raw` copies
 * them into a new buffer per chunk, and a block worker that makes a buffer per chunk holds a
 * thread's whole allowance of dead ones between two of its garbage collections
 * (docs/performance.md).
 * The calls are the ones its glue makes for `compress_raw`.
 */
function withSnappyCompressed(plain, use) {
    const result = wasm.__wbindgen_add_to_stack_pointer(-16);
    try {
        const input = wasm.__wbindgen_malloc(plain.length);
        new Uint8Array(wasm.memory.buffer).set(plain, input);
        wasm.compress_raw(result, input, plain.length);
        const [pointer, length, , failed] = new Int32Array(wasm.memory.buffer, result, 4);
        // The module's own call throws the module's own error.
        if (failed)
            return use(snappy_loader_default().compress_raw(plain));
        try {
            const compressed = new Uint8Array(wasm.memory.buffer, pointer, length);
            const result = use(compressed);
            // Had the module's memory grown meanwhile, the view would read as empty, not fail.
            if (compressed.length !== length)
                throw new Error('snappy output was read after it moved');
            return result;
        }
        finally {
            wasm.__wbindgen_free(pointer, length);
        }
    }
    finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
}
function snappy_snappyDecompress(compressed) {
    return snappy.decompress_raw(compressed);
}

;// CONCATENATED MODULE: ./src/flist/format/codec.ts
// The rfs block codec: convergent encryption of 512 KiB chunks, so identical chunks give identical
// blobs and stores dedup them. Pure computation; callers own I/O and the hasher instance.



const BLOCK_SIZE = 512 * 1024;
const HASH_LENGTH = 32;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
async function createBlake2b256() {
    const hasher = await blake2b_loader_default().createBLAKE2b(256);
    return {
        digest(data, more) {
            hasher.init();
            hasher.update(data);
            if (more)
                hasher.update(more);
            return hasher.digest('binary');
        }
    };
}
/** plain → (key, id, blob). */
function encodeBlock(plain, hash) {
    const { id, key, ciphertext, tag } = encodeChunk(plain, hash.digest(plain), hash);
    return { id, key, blob: joinBlob(ciphertext, tag) };
}
/**
 * encodeBlock for a chunk whose key (its BLAKE2b-256) is already computed, its blob in pieces. It
 * makes no buffer but the ciphertext and the tag: see withSnappyCompressed.
 */
function encodeChunk(plain, key, hash) {
    return withSnappyCompressed(plain, compressed => {
        const cipher = (0,external_node_crypto_namespaceObject.createCipheriv)('aes-256-gcm', aesKey(key), key.subarray(0, NONCE_LENGTH));
        const ciphertext = cipher.update(compressed);
        cipher.final();
        const tag = cipher.getAuthTag();
        return { id: hash.digest(ciphertext, tag), key, ciphertext, tag };
    });
}
/** The blob stores hold: the ciphertext, then the tag. */
function joinBlob(ciphertext, tag) {
    const blob = new Uint8Array(ciphertext.length + tag.length);
    blob.set(ciphertext);
    blob.set(tag, ciphertext.length);
    return blob;
}
/**
 * A KeyObject rather than the raw bytes: recent Node 24 releases (the action's runtime) try raw
 * key bytes as a KeyObject first and pay for the exception they catch, per cipher, which costs
 * more than making the KeyObject.
 */
function aesKey(key) {
    return (0,external_node_crypto_namespaceObject.createSecretKey)(key);
}
class CorruptBlockError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CorruptBlockError';
    }
}
/** blob → plain, checking the blob against its id and the plain chunk against its key. */
function decodeBlock(blob, id, key, hash) {
    if (!equalBytes(hash.digest(blob), id))
        throw new CorruptBlockError(`blob ${toHex(id)} does not match its id`);
    if (blob.length < TAG_LENGTH)
        throw new CorruptBlockError(`blob ${toHex(id)} is too short`);
    const plain = decryptAndDecompress(blob, key, id);
    if (!equalBytes(hash.digest(plain), key)) {
        throw new CorruptBlockError(`blob ${toHex(id)} does not decode to its key's content`);
    }
    return plain;
}
function decryptAndDecompress(blob, key, id) {
    const ciphertextLength = blob.length - TAG_LENGTH;
    try {
        const decipher = createDecipheriv('aes-256-gcm', aesKey(key), key.subarray(0, NONCE_LENGTH));
        decipher.setAuthTag(blob.subarray(ciphertextLength));
        const compressed = Buffer.concat([
            decipher.update(blob.subarray(0, ciphertextLength)),
            decipher.final()
        ]);
        return snappyDecompress(compressed);
    }
    catch (error) {
        throw new CorruptBlockError(`blob ${toHex(id)} cannot be decrypted or decompressed: ${String(error)}`);
    }
}
function toHex(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
function equalBytes(a, b) {
    return a.length === b.length && Buffer.compare(a, b) === 0;
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/common/os-error.ts
// Errors of the operating system (a Node error with an errno code), told as a user reads them:
// what failed on which path, why, and what would fix it.
const REASONS = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOENT: 'no such file or directory',
    ENOTDIR: 'a part of the path is a file, not a directory',
    EISDIR: 'it is a directory',
    EEXIST: 'it already exists',
    ENOTEMPTY: 'the directory is not empty',
    ENAMETOOLONG: 'the name is too long',
    ELOOP: 'too many levels of symbolic links',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EMFILE: 'too many open files',
    EIO: 'input/output error',
    ENXIO: 'no such device',
    EBUSY: 'the resource is busy'
};
const FIXES = {
    EACCES: 'give the run access to it, or choose another path',
    EPERM: 'give the run access to it, or choose another path',
    EROFS: 'choose a path on a writable file system',
    ENOENT: 'check the path, and that nothing removes it while the run goes on',
    ENOTDIR: 'check the path',
    EISDIR: 'give a file there, not a directory',
    ENAMETOOLONG: 'choose a shorter path',
    ELOOP: 'fix the symbolic links on the path',
    ENOSPC: 'free space on the device, or choose another one',
    EDQUOT: 'free space, or raise the quota',
    EMFILE: 'raise the limit of open files (ulimit -n)'
};
// Checked by shape: errors made in another realm (a worker, a VM context) are no `instanceof Error`.
function isOsError(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const { code, message } = error;
    return typeof message === 'string' && typeof code === 'string' && /^E[A-Z0-9]+$/.test(code);
}
/** `permission denied (EACCES)`; the message itself for anything that is not an OS error. */
function describeOsError(error) {
    if (!isOsError(error))
        return error instanceof Error ? error.message : String(error);
    return `${REASONS[error.code] ?? error.code.toLowerCase()} (${error.code})`;
}
/**
 * One line for an OS error that reached the top without a message of its own: `cannot open
 * /x/y: permission denied (EACCES): give the run access to it, or choose another path`.
 */
function osErrorLine(error) {
    const action = error.syscall ? `${error.syscall.replace(/^uv_/, '')} ` : '';
    const where = error.path ? `${action}${error.path}${error.dest ? ` to ${error.dest}` : ''}` : '';
    const fix = FIXES[error.code];
    const subject = where === '' ? error.message : `cannot ${where}: ${describeOsError(error)}`;
    return fix ? `${subject}: ${fix}` : subject;
}

;// CONCATENATED MODULE: ./src/flist/pack/segment.ts
// Reads one segment of a file, chunk by chunk, for its encoder. Kept apart from the worker entry
// so it can run (and be tested) on any thread.




/**
 * Calls `emit` with each chunk of the segment in order. `buffer` (BLOCK_SIZE bytes) is reused for
 * every read: the codec copies what it keeps. A file that got shorter since it was listed fails.
 */
function readSegment(segment, buffer, emit) {
    const fd = openRegular(segment.path);
    try {
        for (let index = segment.first; index < segment.first + segment.count; index++) {
            const offset = index * BLOCK_SIZE;
            const length = Math.min(BLOCK_SIZE, segment.size - offset);
            const plain = buffer.subarray(0, length);
            try {
                readFully(fd, plain, offset, segment.path);
            }
            catch (error) {
                throw readError(error, segment.path);
            }
            emit(index, plain);
        }
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
function readFully(fd, target, position, path) {
    let filled = 0;
    while (filled < target.length) {
        const read = (0,external_node_fs_namespaceObject.readSync)(fd, target, filled, target.length - filled, position + filled);
        if (read === 0) {
            throw new UserError(`${pathName(path)} got shorter while it was being packed: pack a tree nothing writes to meanwhile`);
        }
        filled += read;
    }
}
/**
 * Opens a file listed as regular. Non-blocking, so that one replaced by a FIFO since it was listed
 * fails here instead of waiting forever for a writer.
 */
function openRegular(path) {
    let fd;
    try {
        // Paths cross threads as Uint8Array (a cloned Buffer); fs takes any Uint8Array.
        fd = (0,external_node_fs_namespaceObject.openSync)(path, external_node_fs_namespaceObject.constants.O_RDONLY | external_node_fs_namespaceObject.constants.O_NONBLOCK);
    }
    catch (error) {
        throw readError(error, path);
    }
    if (!(0,external_node_fs_namespaceObject.fstatSync)(fd).isFile()) {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
        throw new UserError(`${pathName(path)} is no longer a regular file: pack a tree nothing changes while it is packed`);
    }
    return fd;
}
function readError(error, path) {
    if (error instanceof UserError)
        return error;
    if (error.code === 'ENOENT') {
        return new UserError(`${pathName(path)} disappeared while it was being packed: pack a tree nothing changes meanwhile`);
    }
    return new UserError(`cannot read ${pathName(path)}: ${describeOsError(error)}: make it readable, or remove it from the tree`);
}
function pathName(path) {
    return typeof path === 'string' ? path : Buffer.from(path).toString();
}

;// CONCATENATED MODULE: ./src/flist/pool/encode-task.ts
// One task's encoding: its chunks in order, their ids, keys and tags packed into three arrays, and
// their ciphertexts handed back. A chunk an earlier flist already names is only hashed: its id is
// taken from there, and no blob is made.


/** `fresh`: encode every chunk, known or not (for a blob the stores turned out to lack). */
function encodeTask(segments, encoder, fresh = false) {
    const { hash, buffer } = encoder;
    const known = fresh ? undefined : encoder.known;
    const total = segments.reduce((sum, segment) => sum + segment.count, 0);
    const ids = new Uint8Array(total * HASH_LENGTH);
    const keys = new Uint8Array(total * HASH_LENGTH);
    const tags = new Uint8Array(total * TAG_LENGTH);
    const chunks = [];
    const transfer = [ids.buffer, keys.buffer, tags.buffer];
    segments.forEach((segment, position) => {
        readSegment(segment, buffer, (index, plain) => {
            const chunk = chunks.length;
            const at = chunk * HASH_LENGTH;
            const plainLength = plain.length;
            const key = hash.digest(plain);
            keys.set(key, at);
            const knownId = known?.idFor(key);
            if (knownId) {
                // The stores are asked for it by the pack, from their listings.
                ids.set(knownId, at);
                chunks.push({ segment: position, index, plainLength, blobLength: 0 });
                return;
            }
            // The ciphertext moves to the main thread as the cipher made it, and the main thread
            // joins it to its tag: a blob made here would leave the ciphertext behind as garbage.
            const { id, ciphertext, tag } = encodeChunk(plain, key, hash);
            ids.set(id, at);
            tags.set(tag, chunk * TAG_LENGTH);
            const blobLength = ciphertext.byteLength + TAG_LENGTH;
            chunks.push({ segment: position, index, plainLength, blobLength, ciphertext });
            transfer.push(ciphertext.buffer);
        });
    });
    return { chunks, ids, keys, tags, transfer };
}

;// CONCATENATED MODULE: ./src/flist/pack/known-blocks.ts
// Blocks an earlier flist of the same name already names: plaintext key → blob id. The codec is
// convergent (a chunk's blob depends on the chunk alone), so a chunk whose key is known needs no
// compressing and encrypting again, only hashing, and its blob id is the one this codec would
// give it. Only flists this very engine version wrote are taken: another encoder (the rfs binary's
// snappy) gives the same chunk another valid blob, and the .fl would then differ from a fresh pack.
// Held by the block workers; read from the earlier flist by flist/read/known-blocks.ts.

class KnownBlocks {
    ids = new Map();
    constructor(pairs) {
        for (let at = 0; at + 2 * HASH_LENGTH <= pairs.length; at += 2 * HASH_LENGTH) {
            const key = pairs.subarray(at, at + HASH_LENGTH);
            this.ids.set(toHex(key), pairs.subarray(at + HASH_LENGTH, at + 2 * HASH_LENGTH));
        }
    }
    get size() {
        return this.ids.size;
    }
    /** The blob id of the chunk with this key, when known. */
    idFor(key) {
        return this.ids.get(toHex(key));
    }
}

;// CONCATENATED MODULE: ./src/flist/pool/block-worker.ts
// Worker thread entry: encodes file segments with one hasher and one read buffer for its lifetime.





const port = external_node_worker_threads_namespaceObject.parentPort;
if (!port)
    throw new Error('block-worker must run as a worker thread');
const setup = (external_node_worker_threads_namespaceObject.workerData ?? {});
const buffer = new Uint8Array(BLOCK_SIZE);
const known = setup.known && new KnownBlocks(setup.known);
const post = (message, transfer = []) => port.postMessage(message, transfer);
function serve(hash) {
    const encoder = { hash, buffer, known };
    port.on('message', ({ task, segments, fresh }) => {
        try {
            const { transfer, ...done } = encodeTask(segments, encoder, fresh);
            post({ type: 'done', task, ...done }, transfer);
        }
        catch (error) {
            post({
                type: 'error',
                task,
                message: error instanceof Error ? error.message : String(error),
                userFacing: isUserError(error)
            });
        }
    });
}
// No top-level await: the bundler's output for this entry must not depend on it.
void createBlake2b256().then(serve);

