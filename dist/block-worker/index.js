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

/***/ 166:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/* module decorator */ module = __nccwpck_require__.nmd(module);

// We are modularizing this manually because the current modularize setting in Emscripten has some issues:
// https://github.com/kripken/emscripten/issues/5820
// In addition, When you use emcc's modularization, it still expects to export a global object called `Module`,
// which is able to be used/called before the WASM is loaded.
// The modularization below exports a promise that loads and resolves to the actual sql.js module.
// That way, this module can't be used before the WASM is finished loading.

// We are going to define a function that a user will call to start loading initializing our Sql.js library
// However, that function might be called multiple times, and on subsequent calls, we don't actually want it to instantiate a new instance of the Module
// Instead, we want to return the previously loaded module

// TODO: Make this not declare a global if used in the browser
var initSqlJsPromise = undefined;

var initSqlJs = function (moduleConfig) {

    if (initSqlJsPromise){
      return initSqlJsPromise;
    }
    // If we're here, we've never called this function before
    initSqlJsPromise = new Promise(function (resolveModule, reject) {

        // We are modularizing this manually because the current modularize setting in Emscripten has some issues:
        // https://github.com/kripken/emscripten/issues/5820

        // The way to affect the loading of emcc compiled modules is to create a variable called `Module` and add
        // properties to it, like `preRun`, `postRun`, etc
        // We are using that to get notified when the WASM has finished loading.
        // Only then will we return our promise

        // If they passed in a moduleConfig object, use that
        // Otherwise, initialize Module to the empty object
        var Module = typeof moduleConfig !== 'undefined' ? moduleConfig : {};

        // EMCC only allows for a single onAbort function (not an array of functions)
        // So if the user defined their own onAbort function, we remember it and call it
        var originalOnAbortFunction = Module['onAbort'];
        Module['onAbort'] = function (errorThatCausedAbort) {
            reject(new Error(errorThatCausedAbort));
            if (originalOnAbortFunction){
              originalOnAbortFunction(errorThatCausedAbort);
            }
        };

        Module['postRun'] = Module['postRun'] || [];
        Module['postRun'].push(function () {
            // When Emscripted calls postRun, this promise resolves with the built Module
            resolveModule(Module);
        });

        // There is a section of code in the emcc-generated code below that looks like this:
        // (Note that this is lowercase `module`)
        // if (typeof module !== 'undefined') {
        //     module['exports'] = Module;
        // }
        // When that runs, it's going to overwrite our own modularization export efforts in shell-post.js!
        // The only way to tell emcc not to emit it is to pass the MODULARIZE=1 or MODULARIZE_INSTANCE=1 flags,
        // but that carries with it additional unnecessary baggage/bugs we don't want either.
        // So, we have three options:
        // 1) We undefine `module`
        // 2) We remember what `module['exports']` was at the beginning of this function and we restore it later
        // 3) We write a script to remove those lines of code as part of the Make process.
        //
        // Since those are the only lines of code that care about module, we will undefine it. It's the most straightforward
        // of the options, and has the side effect of reducing emcc's efforts to modify the module if its output were to change in the future.
        // That's a nice side effect since we're handling the modularization efforts ourselves
        module = undefined;

        // The emcc-generated code and shell-post.js code goes below,
        // meaning that all of it runs inside of this promise. If anything throws an exception, our promise will abort
var k;k||=typeof Module !== 'undefined' ? Module : {};var aa=!!globalThis.window,ba=!!globalThis.WorkerGlobalScope;
k.onRuntimeInitialized=function(){function a(f,h){mb(f,h instanceof Error?h.message:String(h),-1)}function b(f,h){switch(typeof h){case "boolean":ic(f,h?1:0);break;case "number":jc(f,h);break;case "string":kc(f,h,l(h),-1);break;case "object":if(h===null)nb(f);else if(h.length!=null){var p=ca(h.length);v.set(h,p);lc(f,p,h.length,-1);da(p)}else mb(f,"Wrong API use : tried to return a value of an unknown type ("+h+").",-1);break;default:nb(f)}}function d(f,h){for(var p=[],r=0;r<f;r+=1){var u=y(h+4*r,
"i32"),w=mc(u);if(w===1||w===2)u=nc(u);else if(w===3)w=ob(u),u=oc(u),u=A(u,w,!0);else if(w===4){w=u;u=ob(w);w=pc(w);for(var x=new Uint8Array(u),G=0;G<u;G+=1)x[G]=v[w+G];u=x}else u=null;p.push(u)}return p}function c(f,h){this.Va=f;this.db=h;this.Ta=1;this.Eb=[]}function e(f,h){this.db=h;this.tb=ea(f);if(this.tb===null)throw Error("Unable to allocate memory for the SQL string");this.zb=this.tb;this.fb=this.Kb=null}function g(f){this.filename="dbfile_"+(4294967295*Math.random()>>>0);f!=null&&fa(this.filename,
f);this.handleError(F(this.filename,q));this.db=y(q,"i32");z&&qc(this.db);this.Bb={};this.ab=new Map}function m(f,h){return f.replace(/[A-Z]/g,function(p){return p.toLowerCase()})+":"+h}function t(f){f.forEach(ja)}var z=k.useOldExtensionFunctions!==!1,q=ka(4),n=k.cwrap,F=n("sqlite3_open","number",["string","number"]),S=n("sqlite3_close_v2","number",["number"]),Oa=n("sqlite3_backup_init","number",["number","string","number","string"]),ma=n("sqlite3_backup_step","number",["number","number"]),na=n("sqlite3_backup_finish",
"number",["number"]),ha=n("sqlite3_exec","number",["number","number","number","number","number"]),za=n("sqlite3_changes","number",["number"]),N=n("sqlite3_sql","string",["number"]),rc=n("sqlite3_normalized_sql","string",["number"]),Pa=n("sqlite3_prepare_v2","number",["number","number","number","number","number"]),sc=n("sqlite3_bind_text","number",["number","number","number","number","number"]),qb=n("sqlite3_bind_blob","number",["number","number","number","number","number"]),tc=n("sqlite3_bind_double",
"number",["number","number","number"]),uc=n("sqlite3_bind_int","number",["number","number","number"]),vc=n("sqlite3_bind_parameter_index","number",["number","string"]),wc=n("sqlite3_step","number",["number"]),ia=n("sqlite3_errmsg","string",["number"]),xc=n("sqlite3_column_count","number",["number"]),yc=n("sqlite3_data_count","number",["number"]),zc=n("sqlite3_column_double","number",["number","number"]),Ac=n("sqlite3_column_text","number",["number","number"]),Bc=n("sqlite3_column_blob","number",["number",
"number"]),rb=n("sqlite3_column_bytes","number",["number","number"]),Cc=n("sqlite3_column_type","number",["number","number"]),Dc=n("sqlite3_column_name","string",["number","number"]),Ec=n("sqlite3_reset","number",["number"]),Fc=n("sqlite3_clear_bindings","number",["number"]),Gc=n("sqlite3_finalize","number",["number"]),sb=n("sqlite3_create_function_v2","number","number string number number number number number number number".split(" ")),mc=n("sqlite3_value_type","number",["number"]),ob=n("sqlite3_value_bytes",
"number",["number"]),oc=n("sqlite3_value_text","number",["number"]),pc=n("sqlite3_value_blob","number",["number"]),nc=n("sqlite3_value_double","number",["number"]),jc=n("sqlite3_result_double","",["number","number"]),nb=n("sqlite3_result_null","",["number"]),kc=n("sqlite3_result_text","",["number","string","number","number"]),lc=n("sqlite3_result_blob","",["number","number","number","number"]),ic=n("sqlite3_result_int","",["number","number"]),mb=n("sqlite3_result_error","",["number","string","number"]),
tb=n("sqlite3_aggregate_context","number",["number","number"]),qc=n("RegisterExtensionFunctions","number",["number"]),ub=n("sqlite3_update_hook","number",["number","number","number"]);c.prototype.bind=function(f){if(!this.Va)throw"Statement closed";this.reset();return Array.isArray(f)?this.bc(f):f!=null&&typeof f==="object"?this.cc(f):!0};c.prototype.step=function(){if(!this.Va)throw"Statement closed";this.Ta=1;var f=wc(this.Va);switch(f){case 100:return!0;case 101:return!1;default:throw this.db.handleError(f);
}};c.prototype.Ub=function(f){f==null&&(f=this.Ta,this.Ta+=1);return zc(this.Va,f)};c.prototype.oc=function(f){f==null&&(f=this.Ta,this.Ta+=1);if(typeof BigInt!=="function")throw Error("BigInt is not supported");return BigInt(this.Vb(f))};c.prototype.Vb=function(f){f==null&&(f=this.Ta,this.Ta+=1);var h=Ac(this.Va,f);f=rb(this.Va,f);return A(h,f,!0)};c.prototype.getBlob=function(f){f==null&&(f=this.Ta,this.Ta+=1);var h=rb(this.Va,f);f=Bc(this.Va,f);for(var p=new Uint8Array(h),r=0;r<h;r+=1)p[r]=v[f+
r];return p};c.prototype.get=function(f,h){h=h||{};f!=null&&this.bind(f)&&this.step();f=[];for(var p=yc(this.Va),r=0;r<p;r+=1)switch(Cc(this.Va,r)){case 1:var u=h.useBigInt?this.oc(r):this.Ub(r);f.push(u);break;case 2:f.push(this.Ub(r));break;case 3:f.push(this.Vb(r));break;case 4:f.push(this.getBlob(r));break;default:f.push(null)}return f};c.prototype.Ib=function(){for(var f=[],h=xc(this.Va),p=0;p<h;p+=1)f.push(Dc(this.Va,p));return f};c.prototype.Tb=function(f,h){var p=this.get(f,h);f=this.Ib();
return Object.fromEntries(f.map(function(r,u){return[r,p[u]]}))};c.prototype.tc=function(){return N(this.Va)};c.prototype.qc=function(){return rc(this.Va)};c.prototype.run=function(f){f!=null&&this.bind(f);this.step();return this.reset()};c.prototype.Pb=function(f,h){h==null&&(h=this.Ta,this.Ta+=1);var p=ea(f);this.Eb.push(p);this.db.handleError(sc(this.Va,h,p,l(f),0))};c.prototype.ac=function(f,h){h==null&&(h=this.Ta,this.Ta+=1);var p=ca(f.length);v.set(f,p);this.Eb.push(p);this.db.handleError(qb(this.Va,
h,p,f.length,0))};c.prototype.Ob=function(f,h){h==null&&(h=this.Ta,this.Ta+=1);this.db.handleError((f===(f|0)?uc:tc)(this.Va,h,f))};c.prototype.dc=function(f){f==null&&(f=this.Ta,this.Ta+=1);qb(this.Va,f,0,0,0)};c.prototype.Qb=function(f,h){h==null&&(h=this.Ta,this.Ta+=1);switch(typeof f){case "string":this.Pb(f,h);return;case "number":this.Ob(f,h);return;case "bigint":this.Pb(f.toString(),h);return;case "boolean":this.Ob(f+0,h);return;case "object":if(f===null){this.dc(h);return}if(f.length!=null){this.ac(f,
h);return}}throw"Wrong API use : tried to bind a value of an unknown type ("+f+").";};c.prototype.cc=function(f){var h=this;Object.keys(f).forEach(function(p){var r=vc(h.Va,p);r!==0&&h.Qb(f[p],r)});return!0};c.prototype.bc=function(f){for(var h=0;h<f.length;h+=1)this.Qb(f[h],h+1);return!0};c.prototype.reset=function(){this.Hb();return Fc(this.Va)===0&&Ec(this.Va)===0};c.prototype.Hb=function(){for(var f;(f=this.Eb.pop())!==void 0;)da(f)};c.prototype.jb=function(){this.Hb();var f=Gc(this.Va)===0;delete this.db.Bb[this.Va];
this.Va=0;return f};e.prototype.next=function(){if(this.tb===null)return{done:!0};this.fb!==null&&(this.fb.jb(),this.fb=null);if(!this.db.db)throw this.ub(),Error("Database closed");var f=la(),h=ka(4);oa(q);oa(h);try{this.db.handleError(Pa(this.db.db,this.zb,-1,q,h));this.zb=y(h,"i32");var p=y(q,"i32");if(p===0)return this.ub(),{done:!0};this.fb=new c(p,this.db);this.db.Bb[p]=this.fb;return{value:this.fb,done:!1}}catch(r){throw this.Kb=A(this.zb),this.ub(),r;}finally{pa(f)}};e.prototype.ub=function(){da(this.tb);
this.tb=null};e.prototype["return"]=function(){this.fb!==null&&(this.fb.jb(),this.fb=null);this.ub();return{done:!0}};e.prototype.rc=function(){return this.Kb!==null?this.Kb:A(this.zb)};typeof Symbol==="function"&&typeof Symbol.iterator==="symbol"&&(e.prototype[Symbol.iterator]=function(){return this});g.prototype.run=function(f,h){if(!this.db)throw"Database closed";if(h){f=this.Lb(f,h);try{f.step()}finally{f.jb()}}else{f=ea(f);try{this.handleError(ha(this.db,f,0,0,q))}finally{da(f)}}return this};
g.prototype.exec=function(f,h,p){if(!this.db)throw"Database closed";var r=la(),u=null,w=null,x=null;try{x=w=ea(f);var G=ka(4);for(f=[];y(x,"i8")!==0;){oa(q);oa(G);this.handleError(Pa(this.db,x,-1,q,G));var T=y(q,"i32");x=y(G,"i32");if(T!==0){var D=null;u=new c(T,this);for(h!=null&&u.bind(h);u.step();)D===null&&(D={columns:u.Ib(),values:[]},f.push(D)),D.values.push(u.get(null,p));u.jb()}}return f}catch(K){throw u&&u.jb(),K;}finally{w&&da(w),pa(r)}};g.prototype.lc=function(f,h,p,r,u){typeof h==="function"&&
(r=p,p=h,h=void 0);f=this.Lb(f,h);try{for(;f.step();)p(f.Tb(null,u))}finally{f.jb()}if(typeof r==="function")return r()};g.prototype.Lb=function(f,h){f=ea(f);try{oa(q),this.handleError(Pa(this.db,f,-1,q,0))}finally{da(f)}f=y(q,"i32");if(f===0)throw"Nothing to prepare";var p=new c(f,this);h!=null&&p.bind(h);return this.Bb[f]=p};g.prototype.wc=function(f){return new e(f,this)};g.prototype.nc=function(){if(!this.db)throw Error("Database closed");var f=this.filename+"_export";fa(f,[]);var h=0,p=0;try{var r=
B(f).node,u=null,w=r.Qa.write;r.Qa=Object.create(r.Qa);r.Qa.write=function(T,D,K,V,U){if(u===null)return w(T,D,K,V,U);r.Ua.set(D.subarray(K,K+V),U);r.Wa=Math.max(r.Wa,U+V);return V};var x=F(f,q);h=y(q,"i32");if(x!==0)throw Error(ia(h));p=Oa(h,"main",this.db,"main");if(p===0)throw Error(ia(h));x=ma(p,0);if(x===0){var G=this.exec("PRAGMA main.page_count; PRAGMA main.page_size");u=new Uint8Array(G[0].values[0][0]*G[1].values[0][0]);r.Ua=u;x=ma(p,-1)}if(x===5||x===6)throw Error("Unable to export: SQLite is busy or locked. Finish active write transactions before exporting.");
if(x!==101)throw Error(ia(h));x=na(p);p=0;if(x!==0)throw Error(ia(h));x=S(h);if(x!==0)throw Error(ia(h));h=0;u=new Uint8Array(r.Ua.buffer,r.Ua.byteOffset,r.Wa);u.length>0&&(u[18]=1,u[19]=1);return u}finally{p!==0&&na(p),h!==0&&S(h),qa("/"+f)}};g.prototype.close=function(){this.db!==null&&(Object.values(this.Bb).forEach(function(f){f.jb()}),this.ab.forEach(t),this.ab.clear(),this.lb&&(ja(this.lb),this.lb=void 0),this.handleError(S(this.db)),qa("/"+this.filename),this.db=null)};g.prototype.handleError=
function(f){if(f===0)return null;f=ia(this.db);throw Error(f);};g.prototype.sc=function(){return za(this.db)};g.prototype.jc=function(f,h){var p=m(f,h.length);this.ab.has(p)&&(t(this.ab.get(p)),this.ab.delete(p));var r=ra(function(u,w,x){w=d(w,x);try{var G=h.apply(null,w)}catch(T){a(u,T);return}b(u,G)},"viii");this.ab.set(p,[r]);this.handleError(sb(this.db,f,h.length,1,0,r,0,0,0));return this};g.prototype.hc=function(f,h){function p(D){x.has(D)||x.set(D,r());return x.get(D)}var r=h.init||function(){return null},
u=h.finalize||function(D){return D},w=h.step;if(!w)throw"An aggregate function must have a step function in "+f;var x=new Map;h=m(f,w.length-1);this.ab.has(h)&&(t(this.ab.get(h)),this.ab.delete(h));var G=ra(function(D,K,V){var U=tb(D,1),Ra=p(U);K=d(K,V);Ra=[Ra].concat(K);try{x.set(U,w.apply(null,Ra))}catch(Hc){x.delete(U),a(D,Hc)}},"viii"),T=ra(function(D){var K=tb(D,1);try{var V=u(p(K))}catch(U){x.delete(K);a(D,U);return}b(D,V);x.delete(K)},"vi");this.ab.set(h,[G,T]);this.handleError(sb(this.db,
f,w.length-1,1,0,0,G,T,0));return this};g.prototype.Dc=function(f){this.lb&&(ub(this.db,0,0),ja(this.lb),this.lb=void 0);if(!f)return this;this.lb=ra(function(h,p,r,u,w){switch(p){case 18:h="insert";break;case 23:h="update";break;case 9:h="delete";break;default:throw"unknown operationCode in updateHook callback: "+p;}r=A(r);u=A(u);if(w>Number.MAX_SAFE_INTEGER)throw"rowId too big to fit inside a Number";f(h,r,u,Number(w))},"viiiij");ub(this.db,this.lb,0);return this};c.prototype.bind=c.prototype.bind;
c.prototype.step=c.prototype.step;c.prototype.get=c.prototype.get;c.prototype.getColumnNames=c.prototype.Ib;c.prototype.getAsObject=c.prototype.Tb;c.prototype.getSQL=c.prototype.tc;c.prototype.getNormalizedSQL=c.prototype.qc;c.prototype.run=c.prototype.run;c.prototype.reset=c.prototype.reset;c.prototype.freemem=c.prototype.Hb;c.prototype.free=c.prototype.jb;e.prototype.next=e.prototype.next;e.prototype.getRemainingSQL=e.prototype.rc;g.prototype.run=g.prototype.run;g.prototype.exec=g.prototype.exec;
g.prototype.each=g.prototype.lc;g.prototype.prepare=g.prototype.Lb;g.prototype.iterateStatements=g.prototype.wc;g.prototype["export"]=g.prototype.nc;g.prototype.close=g.prototype.close;g.prototype.handleError=g.prototype.handleError;g.prototype.getRowsModified=g.prototype.sc;g.prototype.create_function=g.prototype.jc;g.prototype.create_aggregate=g.prototype.hc;g.prototype.updateHook=g.prototype.Dc;k.Database=g};var sa="./this.program",ta=globalThis.document?.currentScript?.src;ba&&(ta=self.location.href);
var ua="",va,wa;if(aa||ba){try{ua=(new URL(".",ta)).href}catch{}ba&&(wa=a=>{var b=new XMLHttpRequest;b.open("GET",a,!1);b.responseType="arraybuffer";b.send(null);return new Uint8Array(b.response)});va=async a=>{a=await fetch(a,{credentials:"same-origin"});if(a.ok)return a.arrayBuffer();throw Error(a.status+" : "+a.url);}}var xa=console.log.bind(console),C=console.error.bind(console),ya,Aa=!1,Ba;
function Ca(){if(!v?.buffer?.resizable){var a=Da.buffer;v=new Int8Array(a);Ea=new Int16Array(a);E=new Uint8Array(a);H=new Int32Array(a);I=new Uint32Array(a);Fa=new Float32Array(a);Ga=new Float64Array(a);J=new BigInt64Array(a)}}function Ha(){var a=k.preRun;a&&(typeof a==="function"&&(a=[a]),Ia.push(...a));for(a=Ia;a.length>0;)a.shift()(k)}function Ja(){var a=k.postRun;a&&(typeof a==="function"&&(a=[a]),Ka.push(...a));for(a=Ka;a.length>0;)a.shift()(k)}
function La(a){k.onAbort?.(a);a=`Aborted(${a})`;C(a);Aa=!0;throw new WebAssembly.RuntimeError(a+". Build with -sASSERTIONS for more info.");}var Ma;async function Na(a){if(!ya)try{return await va(a)}catch{}if(a==Ma&&ya)a=new Uint8Array(ya);else if(wa)a=wa(a);else throw"both async and sync fetching of the wasm failed";return a}async function Qa(a,b){try{var d=await Na(a);return await WebAssembly.instantiate(d,b)}catch(c){C(`failed to asynchronously prepare wasm: ${c}`),La(c)}}
async function Sa(a){var b=Ma;if(!ya)try{var d=fetch(b,{credentials:"same-origin"});return await WebAssembly.instantiateStreaming(d,a)}catch(c){C(`wasm streaming compile failed: ${c}`),C("falling back to ArrayBuffer instantiation")}return Qa(b,a)}class Ta{name="ExitStatus";constructor(a){this.message=`Program terminated with exit(${a})`;this.status=a}}
var v,Ka=[],Ia=[],Ua=!0,E,Va=new TextDecoder,Wa=(a,b,d,c)=>{d=b+d;if(c)return d;for(;a[b]&&!(b>=d);)++b;return b},A=(a,b,d)=>a?Va.decode(E.subarray(a,Wa(E,a,b,d))):"",Xa=(a,b)=>{for(var d=0,c=a.length-1;c>=0;c--){var e=a[c];e==="."?a.splice(c,1):e===".."?(a.splice(c,1),d++):d&&(a.splice(c,1),d--)}if(b)for(;d;d--)a.unshift("..");return a},Ya=a=>{var b=a.charAt(0)==="/",d=a.slice(-1)==="/";(a=Xa(a.split("/").filter(c=>!!c),!b).join("/"))||b||(a=".");a&&d&&(a+="/");return(b?"/":"")+a},Za=a=>{var b=/^(\/?|)([\s\S]*?)((?:\.{1,2}|[^\/]+?|)(\.[^.\/]*|))(?:[\/]*)$/.exec(a).slice(1);
a=b[0];b=b[1];if(!a&&!b)return".";b&&=b.slice(0,-1);return a+b},$a=a=>a&&a.match(/([^\/]+|\/)\/*$/)[1],ab=(...a)=>{for(var b="",d=!1,c=a.length-1;c>=-1&&!d;c--){d=c>=0?a[c]:"/";if(typeof d!=="string")throw new TypeError("Arguments to path.resolve must be strings");if(!d)return"";b=d+"/"+b;d=d.charAt(0)==="/"}b=Xa(b.split("/").filter(e=>!!e),!d).join("/");return(d?"/":"")+b||"."},l=a=>{for(var b=0,d=0;d<a.length;++d){var c=a.codePointAt(d);c<=127?b++:c<=2047?b+=2:c<=65535?b+=3:(b+=4,d++)}return b},
L=(a,b,d,c)=>{if(!(c>0))return 0;var e=d;c=d+c-1;for(var g=0;g<a.length;++g){var m=a.codePointAt(g);if(m<=127){if(d>=c)break;b[d++]=m}else if(m<=2047){if(d+1>=c)break;b[d++]=192|m>>6;b[d++]=128|m&63}else if(m<=65535){if(d+2>=c)break;b[d++]=224|m>>12;b[d++]=128|m>>6&63;b[d++]=128|m&63}else{if(d+3>=c)break;b[d++]=240|m>>18;b[d++]=128|m>>12&63;b[d++]=128|m>>6&63;b[d++]=128|m&63;g++}}b[d]=0;return d-e},bb=a=>{var b=Array(l(a)+1);a=L(a,b,0,b.length);b.length=a;return b},cb=(a,b)=>{var d=0;a&&(d|=365);
b&&(d|=146);return d},M={cb:null,hb(){return M.createNode(null,"/",16895,0)},createNode(a,b,d,c){if((d&61440)===24576||(d&61440)===4096)throw new O(63);M.cb||(M.cb={dir:{node:{$a:M.Ra.$a,eb:M.Ra.eb,rb:M.Ra.rb,wb:M.Ra.wb,Zb:M.Ra.Zb,Db:M.Ra.Db,Ab:M.Ra.Ab,Nb:M.Ra.Nb,Cb:M.Ra.Cb},stream:{bb:M.Qa.bb}},file:{node:{$a:M.Ra.$a,eb:M.Ra.eb},stream:{bb:M.Qa.bb,read:M.Qa.read,write:M.Qa.write,xb:M.Qa.xb,yb:M.Qa.yb}},link:{node:{$a:M.Ra.$a,eb:M.Ra.eb,kb:M.Ra.kb},stream:{}},Rb:{node:{$a:M.Ra.$a,eb:M.Ra.eb},stream:db}});
d=eb(a,b,d,c);P(d.mode)?(d.Ra=M.cb.dir.node,d.Qa=M.cb.dir.stream,d.Ua={}):(d.mode&61440)===32768?(d.Ra=M.cb.file.node,d.Qa=M.cb.file.stream,d.Wa=0,d.Ua=M.mc??(M.mc=new Uint8Array(0))):(d.mode&61440)===40960?(d.Ra=M.cb.link.node,d.Qa=M.cb.link.stream):(d.mode&61440)===8192&&(d.Ra=M.cb.Rb.node,d.Qa=M.cb.Rb.stream);d.gb=d.Ya=d.Xa=Date.now();a&&(a.Ua[b]=d,a.gb=a.Ya=a.Xa=d.gb);return d},Ra:{$a(a){var b={};b.kc=(a.mode&61440)===8192?a.id:1;b.vc=a.id;b.mode=a.mode;b.yc=1;b.uid=0;b.uc=0;b.sb=a.sb;P(a.mode)?
b.size=4096:(a.mode&61440)===32768?b.size=a.Wa:(a.mode&61440)===40960?b.size=a.link.length:b.size=0;b.gb=new Date(a.gb);b.Ya=new Date(a.Ya);b.Xa=new Date(a.Xa);b.ec=4096;b.fc=Math.ceil(b.size/b.ec);return b},eb(a,b){for(var d of["mode","atime","mtime","ctime"])b[d]!=null&&(a[d]=b[d]);b.size!==void 0&&(b=b.size,a.Wa!=b&&(d=a.Ua,a.Ua=new Uint8Array(b),a.Ua.set(d.subarray(0,Math.min(b,a.Wa))),a.Wa=b))},rb(){M.Fb||(M.Fb=new O(44),M.Fb.stack="<generic error, no stack>");throw M.Fb;},wb(a,b,d,c){return M.createNode(a,
b,d,c)},Zb(a,b,d){try{var c=fb(b,d)}catch(g){}if(c&&P(a.mode))for(var e in c.Ua)throw new O(55);delete a.parent.Ua[a.name];b.Ua[d]=a;a.name=d;b.Xa=b.Ya=a.parent.Xa=a.parent.Ya=Date.now()},Db(a,b){delete a.Ua[b];a.Xa=a.Ya=Date.now()},Ab(a,b){var d=fb(a,b),c;for(c in d.Ua)throw new O(55);delete a.Ua[b];a.Xa=a.Ya=Date.now()},Nb(a){return[".","..",...Object.keys(a.Ua)]},Cb(a,b,d){a=M.createNode(a,b,41471,0);a.link=d;return a},kb(a){if((a.mode&61440)!==40960)throw new O(28);return a.link}},Qa:{read(a,
b,d,c,e){if(e>=a.node.Wa)return 0;c=Math.min(a.node.Wa-e,c);b.set(a.node.Ua.subarray(e,e+c),d);return c},write(a,b,d,c,e,g){b.buffer===v.buffer&&(g=!1);if(!c)return 0;a=a.node;a.Ya=a.Xa=Date.now();if(g)a.Ua=b.subarray(d,d+c),a.Wa=c;else if(a.Wa||e){g=e+c;var m=a.Ua.length;m>=g||(g=Math.max(g,m*(m<1048576?2:1.125)>>>0),m&&(g=Math.max(g,256)),m=a.Ua.subarray(0,a.Wa),a.Ua=new Uint8Array(g),a.Ua.set(m));a.Ua.set(b.subarray(d,d+c),e);a.Wa=Math.max(a.Wa,e+c)}else a.Ua=b.slice(d,d+c),a.Wa=c;return c},bb(a,
b,d){d===1?b+=a.position:d===2&&(a.node.mode&61440)===32768&&(b+=a.node.Wa);if(b<0)throw new O(28);return b},xb(a,b,d,c,e){if((a.node.mode&61440)!==32768)throw new O(43);a=a.node.Ua;if(e&2||a.buffer!==v.buffer){e=!0;c=Math.ceil(b/65536)*65536;var g=gb(65536,c);g&&E.fill(0,g,g+c);c=g;if(!c)throw new O(48);if(a){if(d>0||d+b<a.length)a=a.subarray?a.subarray(d,d+b):a.slice(d,d+b);v.set(a,c)}}else e=!1,c=a.byteOffset;return{Bc:c,$b:e}},yb(a,b,d,c){M.Qa.write(a,b,0,c,d,!1);return 0}}},hb=[],ib=a=>{var b=
Wa(a,0);return Va.decode(a.buffer?a.subarray(0,b):new Uint8Array(a.slice(0,b)))},jb=[];function kb(a,b){jb[a]={input:[],output:[],pb:b};lb(a,pb)}
var pb={open(a){var b=jb[a.node.sb];if(!b)throw new O(43);a.Za=b;a.seekable=!1},close(a){a.Za.pb.qb(a.Za)},qb(a){a.Za.pb.qb(a.Za)},read(a,b,d,c){if(!a.Za||!a.Za.pb.Wb)throw new O(60);for(var e=0,g=0;g<c;g++){try{var m=a.Za.pb.Wb(a.Za)}catch(t){throw new O(29);}if(m===void 0&&!e)throw new O(6);if(m===null||m===void 0)break;e++;b[d+g]=m;if(m===10)break}e&&(a.node.gb=Date.now());return e},write(a,b,d,c){if(!a.Za||!a.Za.pb.Mb)throw new O(60);try{for(var e=0;e<c;e++)a.Za.pb.Mb(a.Za,b[d+e])}catch(g){throw new O(29);
}c&&(a.node.Ya=a.node.Xa=Date.now());return e}},vb={Wb(){a:{if(!hb.length){var a=null;globalThis.window?.prompt&&(a=window.prompt("Input: "),a!==null&&(a+="\n"));if(!a){a=null;break a}hb=bb(a)}a=hb.shift()}return a},Mb(a,b){b===null||b===10?(xa(ib(a.output)),a.output=[]):b!=0&&a.output.push(b)},qb(a){a.output?.length>0&&(xa(ib(a.output)),a.output=[])},Kc(){return{Gc:25856,Ic:5,Fc:191,Hc:35387,Ec:[3,28,127,21,4,0,1,0,17,19,26,0,18,15,23,22,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}},Lc(){return 0},Mc(){return[24,
80]}},wb={Mb(a,b){b===null||b===10?(C(ib(a.output)),a.output=[]):b!=0&&a.output.push(b)},qb(a){a.output?.length>0&&(C(ib(a.output)),a.output=[])}},xb=()=>a=>(crypto.getRandomValues(a),0),yb=a=>(yb=xb())(a),zb=null,Ab={},Bb=[],Cb=1,Q=[],Db=!1,Eb=!0,Fb={},O=class{name="ErrnoError";constructor(a){this.Sa=a}},Gb=class{shared={};node=null;get flags(){return this.shared.flags}set flags(a){this.shared.flags=a}get position(){return this.shared.position}set position(a){this.shared.position=a}},Hb=class{Ra=
{};Qa={};nb=null;constructor(a,b,d,c){a||=this;this.parent=a;this.hb=a.hb;this.id=Cb++;this.name=b;this.mode=d;this.sb=c;this.gb=this.Ya=this.Xa=Date.now()}get read(){return(this.mode&365)===365}set read(a){a?this.mode|=365:this.mode&=-366}get write(){return(this.mode&146)===146}set write(a){a?this.mode|=146:this.mode&=-147}Ac(){}};
function B(a,b={}){if(!a)throw new O(44);b.Gb??(b.Gb=!0);a.charAt(0)==="/"||(a="//"+a);var d=0;a:for(;d<40;d++){a=a.split("/").filter(t=>!!t);for(var c=zb,e="/",g=0;g<a.length;g++){var m=g===a.length-1;if(m&&b.parent)break;if(a[g]!==".")if(a[g]==="..")if(e=Za(e),c===c.parent){a=e+"/"+a.slice(g+1).join("/");d--;continue a}else c=c.parent;else{e=Ya(e+"/"+a[g]);try{c=fb(c,a[g])}catch(t){if(t?.Sa===44&&m&&b.zc)return{path:e};throw t;}!c.nb||m&&!b.Gb||(c=c.nb.root);if((c.mode&61440)===40960&&(!m||b.mb)){if(!c.Ra.kb)throw new O(52);
c=c.Ra.kb(c);c.charAt(0)==="/"||(c=Za(e)+"/"+c);a=c+"/"+a.slice(g+1).join("/");continue a}}}return{path:e,node:c}}throw new O(32);}function Ib(a){for(var b;;){if(a===a.parent)return a=a.hb.Yb,b?a[a.length-1]!=="/"?`${a}/${b}`:a+b:a;b=b?`${a.name}/${b}`:a.name;a=a.parent}}function Jb(a,b){for(var d=0,c=0;c<b.length;c++)d=(d<<5)-d+b.charCodeAt(c)|0;return(a+d>>>0)%Q.length}function Kb(a){var b=Jb(a.parent.id,a.name);if(Q[b]===a)Q[b]=a.ob;else for(b=Q[b];b;){if(b.ob===a){b.ob=a.ob;break}b=b.ob}}
function fb(a,b){var d=P(a.mode)?(d=Lb(a,"x"))?d:a.Ra.rb?0:2:54;if(d)throw new O(d);for(d=Q[Jb(a.id,b)];d;d=d.ob){var c=d.name;if(d.parent.id===a.id&&c===b)return d}return a.Ra.rb(a,b)}function eb(a,b,d,c){a=new Hb(a,b,d,c);b=Jb(a.parent.id,a.name);a.ob=Q[b];return Q[b]=a}function P(a){return(a&61440)===16384}function Lb(a,b){return Eb?0:b.includes("r")&&!(a.mode&292)||b.includes("w")&&!(a.mode&146)||b.includes("x")&&!(a.mode&73)?2:0}
function Mb(a,b){if(!P(a.mode))return 54;try{return fb(a,b),20}catch(d){}return Lb(a,"wx")}function Nb(a,b,d){try{var c=fb(a,b)}catch(e){return e.Sa}if(a=Lb(a,"wx"))return a;if(d){if(!P(c.mode))return 54;if(c===c.parent||Ib(c)==="/")return 10}else if(P(c.mode))return 31;return 0}function Ob(a){if(!a)throw new O(63);return a}function R(a){a=Bb[a];if(!a)throw new O(8);return a}
function Pb(a,b=-1){a=Object.assign(new Gb,a);if(b==-1)a:{for(b=0;b<=4096;b++)if(!Bb[b])break a;throw new O(33);}a.ib=b;return Bb[b]=a}function Qb(a,b=-1){a=Pb(a,b);a.Qa?.Jc?.(a);return a}function Rb(a,b,d){var c=a?.Qa.eb;a=c?a:b;c??=b.Ra.eb;Ob(c);try{c(a,d)}catch(e){if(e instanceof RangeError)throw new O(22);throw e;}}var db={open(a){a.Qa=Ab[a.node.sb].Qa;a.Qa.open?.(a)},bb(){throw new O(70);}};function lb(a,b){Ab[a]={Qa:b}}
function Sb(a,b){var d=b==="/";if(d&&zb)throw new O(10);if(!d&&b){var c=B(b,{Gb:!1});b=c.path;c=c.node;if(c.nb)throw new O(10);if(!P(c.mode))throw new O(54);}b={type:a,Nc:{},Yb:b,xc:[]};a=a.hb(b);a.hb=b;b.root=a;d?zb=a:c&&(c.nb=b,c.hb&&c.hb.xc.push(b))}function Tb(a,b,d){var c=B(a,{parent:!0}).node;a=$a(a);if(!a)throw new O(28);if(a==="."||a==="..")throw new O(20);var e=Mb(c,a);if(e)throw new O(e);if(!c.Ra.wb)throw new O(63);return c.Ra.wb(c,a,b,d)}
function Ub(a,b=438){return Tb(a,b&4095|32768,0)}function W(a,b=511){return Tb(a,b&1023|16384,0)}function Vb(a,b,d){typeof d==="undefined"&&(d=b,b=438);Tb(a,b|8192,d)}function Wb(a,b){if(!ab(a))throw new O(44);var d=B(b,{parent:!0}).node;if(!d)throw new O(44);b=$a(b);var c=Mb(d,b);if(c)throw new O(c);if(!d.Ra.Cb)throw new O(63);d.Ra.Cb(d,b,a)}
function Xb(a){var b=B(a,{parent:!0}).node;a=$a(a);var d=fb(b,a),c=Nb(b,a,!0);if(c)throw new O(c);if(!b.Ra.Ab)throw new O(63);if(d.nb)throw new O(10);b.Ra.Ab(b,a);Kb(d)}function qa(a){var b=B(a,{parent:!0}).node;if(!b)throw new O(44);a=$a(a);var d=fb(b,a),c=Nb(b,a,!1);if(c)throw new O(c);if(!b.Ra.Db)throw new O(63);if(d.nb)throw new O(10);b.Ra.Db(b,a);Kb(d)}function Yb(a,b=!1){a=B(a,{mb:!b}).node;return Ob(a.Ra.$a)(a)}function Zb(a,b,d){Rb(a,b,{mode:d&4095|b.mode&-4096,Xa:Date.now(),Sb:!1})}
function $b(a,b){a=typeof a==="string"?B(a,{mb:!0}).node:a;Zb(null,a,b)}function ac(a,b,d){if(P(b.mode))throw new O(31);if((b.mode&61440)!==32768)throw new O(28);var c=Lb(b,"w");if(c)throw new O(c);Rb(a,b,{size:d,timestamp:Date.now()})}function bc(a,b,d,c=!1){a=B(a,{mb:!c});Rb(null,a.node,{gb:b,Ya:d,Sb:c})}
function cc(a,b,d=438){if(a==="")throw new O(44);if(typeof b==="string"){var c={r:0,"r+":2,w:577,"w+":578,a:1089,"a+":1090}[b];if(typeof c==="undefined")throw Error(`Unknown file open mode: ${b}`);b=c}d=b&64?d&4095|32768:0;if(typeof a==="object")c=a;else{var e=a.endsWith("/");a=B(a,{mb:!(b&131072),zc:!0});c=a.node;a=a.path}var g=!1;if(b&64)if(c){if(b&128)throw new O(20);}else{if(e)throw new O(31);c=Tb(a,d|511,0);g=!0}if(!c)throw new O(44);(c.mode&61440)===8192&&(b&=-513);if(b&65536&&!P(c.mode))throw new O(54);
if(!g&&(c?(c.mode&61440)===40960?e=32:(e=["r","w","rw"][b&3],b&512&&(e+="w"),e=P(c.mode)&&(e!=="r"||b&576)?31:Lb(c,e)):e=44,e))throw new O(e);b&512&&!g&&(e=c,e=typeof e==="string"?B(e,{mb:!0}).node:e,ac(null,e,0));b&=-131713;e=Pb({node:c,path:Ib(c),flags:b,seekable:!0,position:0,Qa:c.Qa,Cc:[],error:!1});e.Qa.open&&e.Qa.open(e);g&&$b(c,d&511);!k.logReadFiles||b&1||a in Fb||(Fb[a]=1,C(`read file: ${a}`));return e}
function dc(a){if(a.ib===null)throw new O(8);a.Jb&&(a.Jb=null);a.node?.Ac();try{a.Qa.close&&a.Qa.close(a)}catch(b){throw b;}finally{Bb[a.ib]=null}a.ib=null}function ec(a,b,d){if(a.ib===null)throw new O(8);if(!a.seekable||!a.Qa.bb)throw new O(70);if(d!=0&&d!=1&&d!=2)throw new O(28);a.position=a.Qa.bb(a,b,d);a.Cc=[]}
function fc(a,b,d,c,e){if(c<0||e<0)throw new O(28);if(a.ib===null)throw new O(8);if((a.flags&2097155)===0)throw new O(8);if(P(a.node.mode))throw new O(31);if(!a.Qa.write)throw new O(28);a.seekable&&a.flags&1024&&ec(a,0,2);var g=typeof e!=="undefined";if(!g)e=a.position;else if(!a.seekable)throw new O(70);b=a.Qa.write(a,b,d,c,e,void 0);g||(a.position+=b);return b}
function hc(){var a,b,d;Db=!0;a??=k.stdin;b??=k.stdout;d??=k.stderr;a?X("stdin",a):Wb("/dev/tty","/dev/stdin");b?X("stdout",null,b):Wb("/dev/tty","/dev/stdout");d?X("stderr",null,d):Wb("/dev/tty1","/dev/stderr");cc("/dev/stdin",0);cc("/dev/stdout",1);cc("/dev/stderr",1)}
function fa(a,b){var d="/",c=a;d&&(d=typeof d==="string"?d:Ib(d),c=a?Ya(d+"/"+a):d);a=cb(!0,!0);c=Ub(c,a);b&&(typeof b==="string"&&(b=bb(b)),b.subarray||(b=new Uint8Array(b)),$b(c,a|146),d=cc(c,577),fc(d,b,0,b.length,0),dc(d),$b(c,a))}
function X(a,b,d){a=Ya("/dev/"+a);var c=cb(!!b,!!d);X.Xb??(X.Xb=64);var e=X.Xb++<<8|0;lb(e,{open(g){g.seekable=!1},close(){d?.buffer?.length&&d(10)},read(g,m,t,z){for(var q=0,n=0;n<z;n++){try{var F=b()}catch(S){throw new O(29);}if(F===void 0&&!q)throw new O(6);if(F===null||F===void 0)break;q++;m[t+n]=F}q&&(g.node.gb=Date.now());return q},write(g,m,t,z){for(var q=0;q<z;q++)try{d(m[t+q])}catch(n){throw new O(29);}z&&(g.node.Ya=g.node.Xa=Date.now());return q}});Vb(a,c,e)}var Y={},H,J,I;
function Ic(a,b,d=!1){if(b.charAt(0)==="/")return b;a=a===-100?"/":R(a).path;if(b.length==0){if(!d)throw new O(44);return a}return a+"/"+b}
function Jc(a,b){I[a>>2]=b.kc;I[a+4>>2]=b.mode;I[a+8>>2]=b.yc;I[a+12>>2]=b.uid;I[a+16>>2]=b.uc;I[a+20>>2]=b.sb;J[a+24>>3]=BigInt(b.size);H[a+32>>2]=4096;H[a+36>>2]=b.fc;var d=b.gb.getTime(),c=b.Ya.getTime(),e=b.Xa.getTime();J[a+40>>3]=BigInt(Math.floor(d/1E3));I[a+48>>2]=d%1E3*1E3*1E3;J[a+56>>3]=BigInt(Math.floor(c/1E3));I[a+64>>2]=c%1E3*1E3*1E3;J[a+72>>3]=BigInt(Math.floor(e/1E3));I[a+80>>2]=e%1E3*1E3*1E3;J[a+88>>3]=BigInt(b.vc);return 0}
var Kc=void 0,Ea,Lc=()=>{var a=H[+Kc>>2];Kc+=4;return a},Mc=0,Nc=[0,31,60,91,121,152,182,213,244,274,305,335],Oc=[0,31,59,90,120,151,181,212,243,273,304,334],Pc=a=>{if(!(a instanceof Ta||a=="unwind"))throw a;},Qc=a=>{Ba=a;Ua||Mc>0||(k.onExit?.(a),Aa=!0);throw new Ta(a);},Rc={},Sc={},Uc=()=>{if(!Tc){var a={USER:"web_user",LOGNAME:"web_user",PATH:"/",PWD:"/",HOME:"/home/web_user",LANG:(globalThis.navigator?.language??"C").replace("-","_")+".UTF-8",_:sa},b;for(b in Sc)Sc[b]===void 0?delete a[b]:a[b]=
Sc[b];var d=[];for(b in a)d.push(`${b}=${a[b]}`);Tc=d}return Tc},Tc,Fa,Ga;function oa(a){var b="i32";b.endsWith("*")&&(b="*");switch(b){case "i1":v[a]=0;break;case "i8":v[a]=0;break;case "i16":Ea[a>>1]=0;break;case "i32":H[a>>2]=0;break;case "i64":J[a>>3]=BigInt(0);break;case "float":Fa[a>>2]=0;break;case "double":Ga[a>>3]=0;break;case "*":I[a>>2]=0;break;default:La(`invalid type for setValue: ${b}`)}}
function y(a,b="i8"){b.endsWith("*")&&(b="*");switch(b){case "i1":return v[a];case "i8":return v[a];case "i16":return Ea[a>>1];case "i32":return H[a>>2];case "i64":return J[a>>3];case "float":return Fa[a>>2];case "double":return Ga[a>>3];case "*":return I[a>>2];default:La(`invalid type for getValue: ${b}`)}}
var Vc=(a,b,d,c)=>{var e={string:q=>{var n=0;if(q!==null&&q!==void 0&&q!==0){n=l(q)+1;var F=ka(n);L(q,E,F,n);n=F}return n},array:q=>{var n=ka(q.length);v.set(q,n);return n}};a=k["_"+a];var g=[],m=0;if(c)for(var t=0;t<c.length;t++){var z=e[d[t]];z?(m||=la(),g[t]=z(c[t])):g[t]=c[t]}d=a(...g);return d=function(q){m&&pa(m);return b==="string"?A(q):b==="boolean"?!!q:q}(d)},ea=a=>{var b=l(a)+1,d=ca(b);d&&L(a,E,d,b);return d},Wc=[],Xc,ja=a=>{Xc.delete(Z.get(a));Z.set(a,null);Wc.push(a)},Yc=a=>{var b=a.length;
return[b%128|128,b>>7,...a]},Zc={i:127,p:127,j:126,f:125,d:124,e:111},$c=a=>Yc(Array.from(a,b=>Zc[b])),ra=(a,b)=>{if(!Xc){Xc=new WeakMap;var d=Z.length;if(Xc)for(var c=0;c<0+d;c++){var e=Z.get(c);e&&Xc.set(e,c)}}if(d=Xc.get(a)||0)return d;d=Wc.length?Wc.pop():Z.grow(1);try{Z.set(d,a)}catch(g){if(!(g instanceof TypeError))throw g;b=Uint8Array.of(0,97,115,109,1,0,0,0,1,...Yc([1,96,...$c(b.slice(1)),...$c(b[0]==="v"?"":b[0])]),2,7,1,1,101,1,102,0,0,7,5,1,1,102,0,0);b=new WebAssembly.Module(b);b=(new WebAssembly.Instance(b,
{e:{f:a}})).exports.f;Z.set(d,b)}Xc.set(a,d);return d};Q.length=4096;Sb(M,"/");W("/tmp");W("/home");W("/home/web_user");(function(){W("/dev");lb(259,{read:()=>0,write:(c,e,g,m)=>m,bb:()=>0});Vb("/dev/null",259);kb(1280,vb);kb(1536,wb);Vb("/dev/tty",1280);Vb("/dev/tty1",1536);var a=new Uint8Array(1024),b=0,d=()=>{b||(yb(a),b=a.byteLength);return a[--b]};X("random",d);X("urandom",d);W("/dev/shm");W("/dev/shm/tmp")})();
(function(){W("/proc");var a=W("/proc/self");W("/proc/self/fd");Sb({hb(){var b=eb(a,"fd",16895,73);b.Qa={bb:M.Qa.bb};b.Ra={rb(d,c){d=+c;var e=R(d);d={parent:null,hb:{Yb:"fake"},Ra:{kb:()=>e.path},id:d+1};return d.parent=d},Nb(){return Array.from(Bb.entries()).filter(([,d])=>d).map(([d])=>d.toString())}};return b}},"/proc/self/fd")})();k.noExitRuntime&&(Ua=k.noExitRuntime);k.print&&(xa=k.print);k.printErr&&(C=k.printErr);k.wasmBinary&&(ya=k.wasmBinary);k.thisProgram&&(sa=k.thisProgram);var ad=k.preInit;
if(ad)for(typeof ad==="function"&&(k.preInit=ad=[ad]);ad.length>0;)ad.shift()();k.stackSave=()=>la();k.stackRestore=a=>pa(a);k.stackAlloc=a=>ka(a);k.cwrap=(a,b,d,c)=>{var e=!d||d.every(g=>g==="number"||g==="boolean");return b!=="string"&&e&&!c?k["_"+a]:(...g)=>Vc(a,b,d,g)};k.addFunction=ra;k.removeFunction=ja;k.UTF8ToString=A;k.lengthBytesUTF8=l;k.stringToNewUTF8=ea;k.writeArrayToMemory=(a,b)=>{v.set(a,b)};
var ca,da,gb,bd,pa,ka,la,Da,Z,cd={a:(a,b,d,c)=>La(`Assertion failed: ${A(a)}, at: `+[b?A(b):"unknown filename",d,c?A(c):"unknown function"]),i:function(a,b){try{return a=A(a),$b(a,b),0}catch(d){if(typeof Y==="undefined"||d.name!=="ErrnoError")throw d;return-d.Sa}},D:function(a,b,d){try{b=A(b);b=Ic(a,b);if(d&-8)return-28;var c=B(b,{mb:!0}).node;if(!c)return-44;a="";d&4&&(a+="r");d&2&&(a+="w");d&1&&(a+="x");return a&&Lb(c,a)?-2:0}catch(e){if(typeof Y==="undefined"||e.name!=="ErrnoError")throw e;return-e.Sa}},
j:function(a,b){try{var d=R(a);Zb(d,d.node,b);return 0}catch(c){if(typeof Y==="undefined"||c.name!=="ErrnoError")throw c;return-c.Sa}},h:function(a){try{var b=R(a);Rb(b,b.node,{timestamp:Date.now(),Sb:!1});return 0}catch(d){if(typeof Y==="undefined"||d.name!=="ErrnoError")throw d;return-d.Sa}},b:function(a,b,d){Kc=d;try{var c=R(a);switch(b){case 0:var e=Lc();if(e<0)break;for(;Bb[e];)e++;return Qb(c,e).ib;case 1:case 2:return 0;case 3:return c.flags;case 4:return e=Lc(),c.flags=c.flags&-289793|e&289792,
0;case 12:return e=Lc(),Ea[e+0>>1]=2,0;case 13:case 14:return 0}return-28}catch(g){if(typeof Y==="undefined"||g.name!=="ErrnoError")throw g;return-g.Sa}},g:function(a,b){try{var d=R(a),c=d.node,e=d.Qa.$a;a=e?d:c;e??=c.Ra.$a;Ob(e);var g=e(a);return Jc(b,g)}catch(m){if(typeof Y==="undefined"||m.name!=="ErrnoError")throw m;return-m.Sa}},J:function(a,b){b=b<-9007199254740992||b>9007199254740992?NaN:Number(b);try{if(isNaN(b))return-22;var d=R(a);if(b<0||(d.flags&2097155)===0)throw new O(28);ac(d,d.node,
b);return 0}catch(c){if(typeof Y==="undefined"||c.name!=="ErrnoError")throw c;return-c.Sa}},I:function(a,b){try{if(!b)return-28;var d=l("/")+1;if(b<d)return-68;L("/",E,a,b);return d}catch(c){if(typeof Y==="undefined"||c.name!=="ErrnoError")throw c;return-c.Sa}},F:()=>0,M:function(a,b){try{return a=A(a),Jc(b,Yb(a,!0))}catch(d){if(typeof Y==="undefined"||d.name!=="ErrnoError")throw d;return-d.Sa}},C:function(a,b,d){try{return b=A(b),b=Ic(a,b),W(b,d&-19),0}catch(c){if(typeof Y==="undefined"||c.name!==
"ErrnoError")throw c;return-c.Sa}},L:function(a,b,d,c){try{b=A(b);var e=c&256;b=Ic(a,b,c&4096);return Jc(d,e?Yb(b,!0):Yb(b))}catch(g){if(typeof Y==="undefined"||g.name!=="ErrnoError")throw g;return-g.Sa}},x:function(a,b,d,c){Kc=c;try{b=A(b);b=Ic(a,b);var e=c?Lc():0;d&64&&(e&=-19);return cc(b,d,e).ib}catch(g){if(typeof Y==="undefined"||g.name!=="ErrnoError")throw g;return-g.Sa}},s:function(a,b,d,c){try{b=A(b);b=Ic(a,b);if(c<=0)return-28;var e=B(b).node;if(!e)throw new O(44);if(!e.Ra.kb)throw new O(28);
var g=e.Ra.kb(e);var m=Math.min(c,l(g)),t=v[d+m];L(g,E,d,c+1);v[d+m]=t;return m}catch(z){if(typeof Y==="undefined"||z.name!=="ErrnoError")throw z;return-z.Sa}},r:function(a){try{return a=A(a),Xb(a),0}catch(b){if(typeof Y==="undefined"||b.name!=="ErrnoError")throw b;return-b.Sa}},N:function(a,b){try{return a=A(a),Jc(b,Yb(a))}catch(d){if(typeof Y==="undefined"||d.name!=="ErrnoError")throw d;return-d.Sa}},o:function(a,b,d){try{b=A(b);b=Ic(a,b);if(d)if(d===512)Xb(b);else return-28;else qa(b);return 0}catch(c){if(typeof Y===
"undefined"||c.name!=="ErrnoError")throw c;return-c.Sa}},n:function(a,b,d,c){try{c&=256;b=A(b);b=Ic(a,b,!0);var e=Date.now();if(d){function t(z){var q=H[z+8>>2];return q==1073741823?e:q==1073741822?null:(I[z>>2]+H[z+4>>2]*4294967296)*1E3+Math.floor(q/1E6)}var g=t(d);var m=t(d+16)}else m=g=e;(m??g)!==null&&bc(b,g,m,c);return 0}catch(t){if(typeof Y==="undefined"||t.name!=="ErrnoError")throw t;return-t.Sa}},w:()=>La(""),v:()=>{Ua=!1;Mc=0},A:function(a,b){a=a<-9007199254740992||a>9007199254740992?NaN:
Number(a);a=new Date(a*1E3);if(isNaN(a.getTime()))return 1;H[b>>2]=a.getSeconds();H[b+4>>2]=a.getMinutes();H[b+8>>2]=a.getHours();H[b+12>>2]=a.getDate();H[b+16>>2]=a.getMonth();H[b+20>>2]=a.getFullYear()-1900;H[b+24>>2]=a.getDay();var d=a.getFullYear();H[b+28>>2]=(d%4!==0||d%100===0&&d%400!==0?Oc:Nc)[a.getMonth()]+a.getDate()-1|0;H[b+36>>2]=-(a.getTimezoneOffset()*60);d=(new Date(a.getFullYear(),6,1)).getTimezoneOffset();var c=(new Date(a.getFullYear(),0,1)).getTimezoneOffset();H[b+32>>2]=(d!=c&&
a.getTimezoneOffset()==Math.min(c,d))|0;return 0},y:function(a,b,d,c,e,g,m){e=e<-9007199254740992||e>9007199254740992?NaN:Number(e);try{var t=R(c);if(b&2&&!(d&2)&&(t.flags&2097155)!==2)throw new O(2);if((t.flags&2097155)===1)throw new O(2);if(!t.Qa.xb)throw new O(43);if(!a)throw new O(28);var z=t.Qa.xb(t,a,e,b,d);var q=z.Bc;H[g>>2]=z.$b;I[m>>2]=q;return 0}catch(n){if(typeof Y==="undefined"||n.name!=="ErrnoError")throw n;return-n.Sa}},z:function(a,b,d,c,e,g){g=g<-9007199254740992||g>9007199254740992?
NaN:Number(g);try{var m=R(e);if(d&2){if((m.node.mode&61440)!==32768)throw new O(43);c&2||m.Qa.yb&&m.Qa.yb(m,E.subarray(a,a+b),g,b,c)}}catch(t){if(typeof Y==="undefined"||t.name!=="ErrnoError")throw t;return-t.Sa}},k:(a,b)=>{Rc[a]&&(clearTimeout(Rc[a].id),delete Rc[a]);if(!b)return 0;var d=setTimeout(()=>{delete Rc[a];var c=[a,performance.now()],e=bd;if(!Aa)try{e(...c)}catch(g){Pc(g)}finally{if(!(Ua||Mc>0))try{Ba=c=Ba,Qc(c)}catch(g){Pc(g)}}},b);Rc[a]={id:d,Oc:b};return 0},B:(a,b,d,c)=>{var e=(new Date).getFullYear(),
g=(new Date(e,0,1)).getTimezoneOffset();e=(new Date(e,6,1)).getTimezoneOffset();I[a>>2]=Math.max(g,e)*60;H[b>>2]=Number(g!=e);b=m=>{var t=Math.abs(m);return`UTC${m>=0?"-":"+"}${String(Math.floor(t/60)).padStart(2,"0")}${String(t%60).padStart(2,"0")}`};a=b(g);b=b(e);e<g?(L(a,E,d,17),L(b,E,c,17)):(L(a,E,c,17),L(b,E,d,17))},d:()=>Date.now(),p:()=>2147483648,c:()=>performance.now(),l:a=>{var b=E.length;a>>>=0;if(a>2147483648)return!1;for(var d=1;d<=4;d*=2){var c=b*(1+.2/d);c=Math.min(c,a+100663296);a:{c=
(Math.min(2147483648,Math.ceil(Math.max(a,c)/65536)*65536)-Da.buffer.byteLength+65535)/65536|0;try{Da.grow(c);Ca();var e=1;break a}catch(g){}e=void 0}if(e)return!0}return!1},G:(a,b)=>{var d=0,c=0,e;for(e of Uc()){var g=b+d;I[a+c>>2]=g;d+=L(e,E,g,Infinity)+1;c+=4}return 0},H:(a,b)=>{var d=Uc();I[a>>2]=d.length;a=0;for(var c of d)a+=l(c)+1;I[b>>2]=a;return 0},e:function(a){try{var b=R(a);dc(b);return 0}catch(d){if(typeof Y==="undefined"||d.name!=="ErrnoError")throw d;return d.Sa}},m:function(a,b){try{var d=
R(a);v[b]=d.Za?2:P(d.mode)?3:(d.mode&61440)===40960?7:4;Ea[b+2>>1]=0;J[b+8>>3]=BigInt(0);J[b+16>>3]=BigInt(0);return 0}catch(c){if(typeof Y==="undefined"||c.name!=="ErrnoError")throw c;return c.Sa}},t:function(a,b,d,c){try{a:{var e=R(a);a=b;for(var g,m=b=0;m<d;m++){var t=I[a>>2],z=I[a+4>>2];a+=8;try{var q=e,n=t,F=z,S=g,Oa=v;if(F<0||S<0)throw new O(28);if(q.ib===null)throw new O(8);if((q.flags&2097155)===1)throw new O(8);if(P(q.node.mode))throw new O(31);if(!q.Qa.read)throw new O(28);var ma=typeof S!==
"undefined";if(!ma)S=q.position;else if(!q.seekable)throw new O(70);var na=q.Qa.read(q,Oa,n,F,S);ma||(q.position+=na);var ha=na}catch(N){if(b>0&&N instanceof O&&(N.Sa==6||N.Sa==6))break;throw N;}if(ha<0){var za=-1;break a}b+=ha;if(ha<z)break;typeof g!=="undefined"&&(g+=ha)}za=b}I[c>>2]=za;return 0}catch(N){if(typeof Y==="undefined"||N.name!=="ErrnoError")throw N;return N.Sa}},E:function(a,b,d,c){b=b<-9007199254740992||b>9007199254740992?NaN:Number(b);try{if(isNaN(b))return 22;var e=R(a);ec(e,b,d);
J[c>>3]=BigInt(e.position);e.Jb&&!b&&d===0&&(e.Jb=null);return 0}catch(g){if(typeof Y==="undefined"||g.name!=="ErrnoError")throw g;return g.Sa}},K:function(a){try{var b=R(a);return b.Qa?.qb?.(b)}catch(d){if(typeof Y==="undefined"||d.name!=="ErrnoError")throw d;return d.Sa}},q:function(a,b,d,c){try{var e=R(a);a=b;if(d==1)var g=fc(e,v,I[a>>2],I[a+4>>2]);else{for(var m=b=0,t=a;m<d;m++,t+=8)b+=I[t+4>>2];var z=new Uint8Array(b);for(m=t=0;m<d;m++,a+=8){var q=I[a>>2],n=I[a+4>>2];z.set(E.subarray(q,q+n),
t);t+=n}g=fc(e,z,0,b)}I[c>>2]=g;return 0}catch(F){if(typeof Y==="undefined"||F.name!=="ErrnoError")throw F;return F.Sa}},u:Qc,f:function(a){console.warn("sql.js: legacy function "+A(a)+"() is deprecated and will be disabled by default in the next major version. Initialize with useOldExtensionFunctions: false to use native SQLite functions. See https://github.com/sql-js/sql.js/pull/647")}};
async function dd(){Ha();var a=k.setStatus;a&&(a("Running..."),await new Promise(b=>setTimeout(b,1)),setTimeout(a,1,""));Aa||(k.noFSInit||Db||hc(),ed.P(),Eb=!1,k.onRuntimeInitialized?.(),Ja())}var ed;
(async function(){function a(c){c=ed=c.exports;k._sqlite3_free=c.R;k._sqlite3_value_text=c.S;k._sqlite3_prepare_v2=c.T;k._sqlite3_step=c.U;k._sqlite3_reset=c.V;k._sqlite3_exec=c.W;k._sqlite3_finalize=c.X;k._sqlite3_column_name=c.Y;k._sqlite3_column_text=c.Z;k._sqlite3_column_type=c._;k._sqlite3_errmsg=c.$;k._sqlite3_backup_init=c.aa;k._sqlite3_backup_step=c.ba;k._sqlite3_backup_finish=c.ca;k._sqlite3_clear_bindings=c.da;k._sqlite3_value_blob=c.ea;k._sqlite3_value_bytes=c.fa;k._sqlite3_value_double=
c.ga;k._sqlite3_value_int=c.ha;k._sqlite3_value_type=c.ia;k._sqlite3_result_blob=c.ja;k._sqlite3_result_double=c.ka;k._sqlite3_result_error=c.la;k._sqlite3_result_int=c.ma;k._sqlite3_result_int64=c.na;k._sqlite3_result_null=c.oa;k._sqlite3_result_text=c.pa;k._sqlite3_aggregate_context=c.qa;k._sqlite3_column_count=c.ra;k._sqlite3_data_count=c.sa;k._sqlite3_column_blob=c.ta;k._sqlite3_column_bytes=c.ua;k._sqlite3_column_double=c.va;k._sqlite3_bind_blob=c.wa;k._sqlite3_bind_double=c.xa;k._sqlite3_bind_int=
c.ya;k._sqlite3_bind_text=c.za;k._sqlite3_bind_parameter_index=c.Aa;k._sqlite3_sql=c.Ba;k._sqlite3_normalized_sql=c.Ca;k._sqlite3_changes=c.Da;k._sqlite3_close_v2=c.Ea;k._sqlite3_create_function_v2=c.Fa;k._sqlite3_update_hook=c.Ga;k._sqlite3_open=c.Ha;ca=k._malloc=c.Ia;da=k._free=c.Ja;k._RegisterExtensionFunctions=c.Ka;gb=c.La;bd=c.Ma;pa=c.Na;ka=c.Oa;la=c.Pa;Da=c.O;Z=c.Q;Ca();return ed}var b={a:cd},d=k.instantiateWasm;if(d)return new Promise(c=>{d(b,e=>c(a(e)))});Ma??=k.locateFile?k.locateFile("sql-wasm-browser.wasm",
ua):ua+"sql-wasm-browser.wasm";return function(c){return a(c.instance)}(await Sa(b))})().then(()=>dd());


        // The shell-pre.js and emcc-generated code goes above
        return Module;
    }); // The end of the promise being returned

  return initSqlJsPromise;
} // The end of our initSqlJs function

// This bit below is copied almost exactly from what you get when you use the MODULARIZE=1 flag with emcc
// However, we don't want to use the emcc modularization. See shell-pre.js
if (true){
    module.exports = initSqlJs;
    // This will allow the module to be used in ES6 or CommonJS
    module.exports["default"] = initSqlJs;
}
else {}


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


/***/ }),

/***/ 669:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// sql.js's browser build, used in Node too: the Node build tests `typeof module` after setting
// module to undefined, which the bundler folds to `true`, and reads __dirname, which an ES module
// bundle lacks. The browser build has neither; given the WebAssembly bytes it needs no loader, and
// its wasm is the same file as the Node build's.
/* eslint-disable no-undef, @typescript-eslint/no-require-imports */
/* unused reexport */ __nccwpck_require__(166)


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
/******/ 		id: moduleId,
/******/ 		loaded: false,
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
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
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
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
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
class errors_UserError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UserError';
    }
}
function isUserError(error) {
    return error instanceof errors_UserError;
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

/** Snappy raw (block) format, as rfs's `snap::raw` writes it; not the framed stream format. */
function snappyCompress(plain) {
    return snappy_loader_default().compress_raw(plain);
}
function snappy_snappyDecompress(compressed) {
    return snappy.decompress_raw(compressed);
}

;// CONCATENATED MODULE: ./src/flist/format/codec.ts
// The rfs block codec: convergent encryption of 512 KiB chunks, so identical chunks give identical
// blobs and stores dedup them. Pure computation; callers own I/O and the hasher instance.



const BLOCK_SIZE = 512 * 1024;
const codec_HASH_LENGTH = 32;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
async function createBlake2b256() {
    const hasher = await blake2b_loader_default().createBLAKE2b(256);
    return {
        digest(data) {
            hasher.init();
            hasher.update(data);
            return hasher.digest('binary');
        }
    };
}
/**
 * plain → (key, id, blob). The blob is allocated at its exact size in its own ArrayBuffer, so
 * a worker can transfer it instead of copying.
 */
function encodeBlock(plain, hash) {
    return encodeKeyedBlock(plain, hash.digest(plain), hash);
}
/** encodeBlock for a chunk whose key (its BLAKE2b-256) is already computed. */
function encodeKeyedBlock(plain, key, hash) {
    const compressed = snappyCompress(plain);
    const cipher = (0,external_node_crypto_namespaceObject.createCipheriv)('aes-256-gcm', aesKey(key), key.subarray(0, NONCE_LENGTH));
    const blob = new Uint8Array(compressed.length + TAG_LENGTH);
    blob.set(cipher.update(compressed));
    cipher.final();
    blob.set(cipher.getAuthTag(), compressed.length);
    return { id: hash.digest(blob), key, blob };
}
/**
 * Node 24 from 24.18 (the action's runtime) tries raw key bytes as a KeyObject first and pays for
 * the exception it catches: 15 µs per cipher, as much as encrypting a small block. A KeyObject
 * costs 3 µs to make and skips that; older releases lose those 3 µs.
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
        throw new CorruptBlockError(`blob ${codec_toHex(id)} does not match its id`);
    if (blob.length < TAG_LENGTH)
        throw new CorruptBlockError(`blob ${codec_toHex(id)} is too short`);
    const plain = decryptAndDecompress(blob, key, id);
    if (!equalBytes(hash.digest(plain), key)) {
        throw new CorruptBlockError(`blob ${codec_toHex(id)} does not decode to its key's content`);
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
        throw new CorruptBlockError(`blob ${codec_toHex(id)} cannot be decrypted or decompressed: ${String(error)}`);
    }
}
function codec_toHex(bytes) {
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
            throw new errors_UserError(`${pathName(path)} got shorter while it was being packed: pack a tree nothing writes to meanwhile`);
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
        throw new errors_UserError(`${pathName(path)} is no longer a regular file: pack a tree nothing changes while it is packed`);
    }
    return fd;
}
function readError(error, path) {
    if (error instanceof errors_UserError)
        return error;
    if (error.code === 'ENOENT') {
        return new errors_UserError(`${pathName(path)} disappeared while it was being packed: pack a tree nothing changes meanwhile`);
    }
    return new errors_UserError(`cannot read ${pathName(path)}: ${describeOsError(error)}: make it readable, or remove it from the tree`);
}
function pathName(path) {
    return typeof path === 'string' ? path : Buffer.from(path).toString();
}

;// CONCATENATED MODULE: ./src/flist/pool/encode-task.ts
// One task's encoding: its chunks in order, their ids and keys packed into two arrays, and their
// blobs handed back. A chunk an earlier flist already names is only hashed: its id is taken from
// there, and no blob is made.


/** `fresh`: encode every chunk, known or not (for a blob the stores turned out to lack). */
function encodeTask(segments, encoder, fresh = false) {
    const { hash, buffer } = encoder;
    const known = fresh ? undefined : encoder.known;
    const total = segments.reduce((sum, segment) => sum + segment.count, 0);
    const ids = new Uint8Array(total * codec_HASH_LENGTH);
    const keys = new Uint8Array(total * codec_HASH_LENGTH);
    const chunks = [];
    const transfer = [ids.buffer, keys.buffer];
    segments.forEach((segment, position) => {
        readSegment(segment, buffer, (index, plain) => {
            const at = chunks.length * codec_HASH_LENGTH;
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
            const block = encodeKeyedBlock(plain, key, hash);
            ids.set(block.id, at);
            const blobLength = block.blob.byteLength;
            chunks.push({ segment: position, index, plainLength, blobLength, blob: block.blob });
            transfer.push(block.blob.buffer);
        });
    });
    return { chunks, ids, keys, transfer };
}

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
// EXTERNAL MODULE: ./src/flist/format/sqlite-loader.cjs
var sqlite_loader = __nccwpck_require__(669);
;// CONCATENATED MODULE: ./src/flist/format/sqlite.ts
// sql.js cannot find its WebAssembly inside a bundle: the bundle script copies sql-wasm.wasm next
// to each bundle that opens flists, and from the sources the package's own copy is used.





const sqlite_require = (0,external_node_module_namespaceObject.createRequire)(import.meta.url);
let loading;
/** The SQLite engine, loaded once per thread. */
function sqlite_loadSqlite() {
    loading ??= compileAndInstantiate();
    return loading;
}
function compileAndInstantiate() {
    // The browser build fetches nothing when it is given the WebAssembly bytes.
    const wasm = readFileSync(locateWasm());
    return initSqlJs({ wasmBinary: new Uint8Array(wasm).buffer });
}
function locateWasm() {
    const beside = join(dirname(fileURLToPath(import.meta.url)), 'sql-wasm.wasm');
    if (existsSync(beside))
        return beside;
    return sqlite_require.resolve('sql.js/dist/sql-wasm.wasm');
}

;// CONCATENATED MODULE: external "node:buffer"
const external_node_buffer_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");
;// CONCATENATED MODULE: ./src/flist/format/tree-check.ts
// The shape of the tree an flist describes, checked when it is opened: it must be a tree every
// reader can rebuild inside one directory, so that unpack, verify and the rfs engine's checks never
// see two entries of one name, a name that is not one path component, or an entry under a symlink.




/** Bytes in a file name on Linux. */
const NAME_MAX = 255;
/** What every refusal of an unsafe tree ends with. */
const DAMAGED = 'the flist is damaged or crafted: do not unpack or publish it, pack the tree again';
/** A tree an flist describes that cannot be rebuilt safely: what is wrong, and the fix. */
class tree_check_UnsafeTree extends Error {
    fix;
    constructor(message, fix = DAMAGED) {
        super(message);
        this.fix = fix;
    }
}
const TYPE_NAMES = {
    file: 'a file',
    directory: 'a directory',
    symlink: 'a symlink',
    block: 'a block device',
    char: 'a character device',
    fifo: 'a fifo',
    socket: 'a socket',
    unknown: 'an entry of unknown type'
};
/**
 * The entries from the root down, parents before children, children in inode order; refused
 * (UnsafeTree) unless the tree can be rebuilt inside one directory by creating each entry at its
 * path: the root is a directory; every name is one UTF-8 path component (not empty, `.` or `..`,
 * no `/` or NUL) and unique in its directory; only directories have entries under them; every
 * inode is in the tree; symlinks have a target. `rows` come in inode order.
 */
function tree_check_checkedTree(rows) {
    checkUniqueInodes(rows);
    const root = rows.find(row => row.inode.ino === ROOT_INO);
    if (!root)
        throw new Error(`inode ${ROOT_INO} not found`);
    if (entryType(root.inode.mode) !== 'directory')
        throw new tree_check_UnsafeTree(`its root (inode 1) is ${TYPE_NAMES[entryType(root.inode.mode)]}, not a directory`);
    const children = new Map();
    for (const row of rows) {
        if (row === root)
            continue;
        const siblings = children.get(row.inode.parent);
        if (siblings)
            siblings.push(row);
        else
            children.set(row.inode.parent, [row]);
    }
    const entries = [];
    const pending = [{ path: '', inode: root.inode }];
    while (pending.length > 0) {
        const entry = pending.pop();
        entries.push(entry);
        const below = children.get(entry.inode.ino) ?? [];
        const type = entryType(entry.inode.mode);
        if (type === 'symlink')
            checkLinkTarget(entry);
        if (below.length === 0)
            continue;
        if (type !== 'directory') {
            const first = `/${escapeName(entry.path)}/${escapeBytes(below[0].nameBytes)}`;
            throw new tree_check_UnsafeTree(`${first} is under ${TYPE_NAMES[type]}, not a directory`);
        }
        const named = new Map();
        for (const child of below) {
            checkName(entry.path, child);
            const path = entry.path ? `${entry.path}/${child.inode.name}` : child.inode.name;
            const twin = named.get(child.inode.name);
            if (twin !== undefined)
                throw new tree_check_UnsafeTree(`two entries are named /${escapeName(path)} (inodes ${twin} and ${child.inode.ino})`, duplicateFix(child.inode.name));
            named.set(child.inode.name, child.inode.ino);
        }
        for (let i = below.length - 1; i >= 0; i--) {
            const child = below[i];
            pending.push({
                path: entry.path ? `${entry.path}/${child.inode.name}` : child.inode.name,
                inode: child.inode
            });
        }
    }
    if (entries.length < rows.length)
        throw new tree_check_UnsafeTree(describeStray(rows, entries));
    return entries;
}
/**
 * One row per inode number. rfs's schema makes `ino` the key, but a crafted file may not: a number
 * used twice (or a link target recorded twice) would let a directory sit under itself, and the walk
 * from the root would never end.
 */
function checkUniqueInodes(rows) {
    const seen = new Map();
    for (const row of rows) {
        const first = seen.get(row.inode.ino);
        if (first)
            throw new tree_check_UnsafeTree(`inode ${row.inode.ino} is recorded twice ('${escapeBytes(first.nameBytes)}' and '${escapeBytes(row.nameBytes)}')`);
        seen.set(row.inode.ino, row);
    }
}
/** A name must be one path component, so that the entry stays in its directory. */
function checkName(parentPath, { nameBytes }) {
    // Made only for a message: escaping the parent's path for every entry was half of reading a flist.
    const of = () => `an entry of /${escapeName(parentPath)}`;
    if (nameBytes.length === 0)
        throw new tree_check_UnsafeTree(`${of()} has an empty name`);
    if (!isUtf8(nameBytes)) {
        const path = parentPath ? `/${escapeName(parentPath)}/` : '/';
        throw new tree_check_UnsafeTree(`the name of ${path}${escapeBytes(nameBytes)} is not UTF-8`);
    }
    const name = Buffer.from(nameBytes).toString('utf8');
    if (name === '.' || name === '..' || name.includes('/') || name.includes('\0'))
        throw new tree_check_UnsafeTree(`${of()} is named '${escapeName(name)}', which is not a file name`);
    if (nameBytes.length > NAME_MAX)
        throw new tree_check_UnsafeTree(`${of()} has a name of ${nameBytes.length} bytes, over the ${NAME_MAX} a file name may have`);
}
function checkLinkTarget({ path, inode }) {
    if (!inode.data || inode.data.length === 0)
        throw new tree_check_UnsafeTree(`the symlink /${escapeName(path)} has no target`);
    if (inode.data.includes(0))
        throw new tree_check_UnsafeTree(`the symlink /${escapeName(path)} has a NUL byte in its target`);
}
/** Names the first inode the walk from the root did not reach, and why. */
function describeStray(rows, reached) {
    const inTree = new Set(reached.map(entry => entry.inode.ino));
    const stray = rows.find(row => !inTree.has(row.inode.ino));
    const { ino, parent } = stray.inode;
    const why = rows.some(row => row.inode.ino === parent)
        ? 'is not under the root either'
        : 'is not in the flist';
    return `inode ${ino} ('${escapeBytes(stray.nameBytes)}') is not under the root: its parent, inode ${parent}, ${why}`;
}
/** rfs packs names that are not UTF-8 lossily (U+FFFD), so names that differed become one. */
function duplicateFix(name) {
    return name.includes('\uFFFD')
        ? 'names that are not UTF-8 become U+FFFD in rfs: rename them in the tree to UTF-8 and pack again'
        : DAMAGED;
}

;// CONCATENATED MODULE: ./src/flist/format/reader.ts
// Reads an flist, whoever wrote it: rfs, this project, or another tool. Lenient on the storage
// class of values (a link target may be TEXT, a number REAL), strict on block id and key sizes,
// and on the shape of the tree: opening an flist checks it (see tree-check.ts).





// Names and link targets as blobs: SQL.js reads TEXT up to its first NUL byte, and decodes bytes
// that are not UTF-8 lossily; both would hide what the flist really holds.
const INODE_COLUMNS = 'inode.ino, inode.parent, cast(inode.name as blob), inode.size, inode.uid, inode.gid, inode.mode, inode.rdev, inode.ctime, inode.mtime, cast(extra.data as blob)';
class reader_FlistReader {
    db;
    path;
    entries = [];
    constructor(db, path) {
        this.db = db;
        this.path = path;
    }
    static async open(path) {
        const SQL = await loadSqlite();
        const bytes = await readFile(path);
        const db = new SQL.Database(bytes);
        const reader = new reader_FlistReader(db, path);
        try {
            reader.entries = reader.readTree();
        }
        catch (error) {
            db.close();
            if (error instanceof UnsafeTree)
                throw new UserError(`${path}: ${error.message}; ${error.fix}`);
            throw new Error(`${path} is not an flist: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        return reader;
    }
    blocks(ino) {
        return this.query('select id, key from block where ino = ? order by rowid', [ino]).map(toBlock);
    }
    /** Every distinct block id with one of its keys, in first-use order. */
    distinctBlocks() {
        const seen = new Map();
        for (const row of this.query('select id, key from block order by rowid')) {
            const block = toBlock(row);
            const hex = toHex(block.id);
            if (!seen.has(hex))
                seen.set(hex, block);
        }
        return [...seen.values()];
    }
    tags() {
        return this.query('select key, value from tag order by rowid').map(([key, value]) => [
            String(key),
            String(value)
        ]);
    }
    routes() {
        return this.query('select start, end, url from route order by rowid').map(([start, end, url]) => ({
            start: Number(start),
            end: Number(end),
            url: String(url)
        }));
    }
    /** Block rows: one per chunk of every file, duplicates included. */
    blockRows() {
        return Number(this.query('select count(*) from block')[0][0]);
    }
    /** Every entry of the tree, parents before children, children in inode order. */
    *walk() {
        yield* this.entries;
    }
    close() {
        this.db.close();
    }
    readTree() {
        return checkedTree(this.query(`select ${INODE_COLUMNS} from inode left join extra on inode.ino = extra.ino order by inode.ino`).map(toRow));
    }
    query(sql, params = []) {
        const statement = this.db.prepare(sql);
        try {
            statement.bind(params);
            const rows = [];
            while (statement.step())
                rows.push(statement.get());
            return rows;
        }
        finally {
            statement.free();
        }
    }
}
function toRow(row) {
    const [ino, parent, name, size, uid, gid, mode, rdev, ctime, mtime, data] = row;
    const nameBytes = name === null || name === undefined ? new Uint8Array() : toBytes(name);
    const inode = {
        ino: Number(ino),
        parent: Number(parent),
        name: Buffer.from(nameBytes).toString('utf8'),
        size: Number(size ?? 0),
        uid: Number(uid ?? 0),
        gid: Number(gid ?? 0),
        mode: Number(mode ?? 0),
        rdev: Number(rdev ?? 0),
        ctime: Number(ctime ?? 0),
        mtime: Number(mtime ?? 0),
        data: data === null || data === undefined ? undefined : toBytes(data)
    };
    return { inode, nameBytes };
}
function toBlock([id, key]) {
    const block = { id: toBytes(id), key: toBytes(key) };
    if (block.id.length !== HASH_LENGTH)
        throw new Error(`a block id is ${block.id.length} bytes, not ${HASH_LENGTH}`);
    if (block.key.length !== HASH_LENGTH)
        throw new Error(`a block key is ${block.key.length} bytes, not ${HASH_LENGTH}`);
    return block;
}
function toBytes(value) {
    if (value instanceof Uint8Array)
        return value;
    return new Uint8Array(Buffer.from(String(value ?? ''), 'utf8'));
}

;// CONCATENATED MODULE: ./src/flist/pack/known-blocks.ts
// Blocks an earlier flist of the same name already names: plaintext key → blob id. The codec is
// convergent (a chunk's blob depends on the chunk alone), so a chunk whose key is known needs no
// compressing and encrypting again, only hashing, and its blob id is the one this codec would
// give it. Only flists this very engine version wrote are taken: another encoder (the rfs binary's
// snappy) gives the same chunk another valid blob, and the .fl would then differ from a fresh pack.



class KnownBlocks {
    ids = new Map();
    constructor(pairs) {
        for (let at = 0; at + 2 * codec_HASH_LENGTH <= pairs.length; at += 2 * codec_HASH_LENGTH) {
            const key = pairs.subarray(at, at + codec_HASH_LENGTH);
            this.ids.set(codec_toHex(key), pairs.subarray(at + codec_HASH_LENGTH, at + 2 * codec_HASH_LENGTH));
        }
    }
    get size() {
        return this.ids.size;
    }
    /** The blob id of the chunk with this key, when known. */
    idFor(key) {
        return this.ids.get(codec_toHex(key));
    }
}
/**
 * The key → id pairs of the flist at `path`, when it exists and its `creator` tag names `creator`
 * (this engine and version); undefined otherwise. An unreadable file is no error: it is only
 * not reused, and the pack encodes every block.
 */
async function readKnownBlocks(path, creatorEngine) {
    if (!existsSync(path))
        return undefined;
    let reader;
    try {
        reader = await FlistReader.open(path);
    }
    catch {
        return undefined;
    }
    try {
        const creator = reader.tags().find(([key]) => key === 'creator')?.[1];
        if (!creator?.endsWith(`(${creatorEngine})`))
            return undefined;
        const blocks = reader
            .distinctBlocks()
            .filter(({ id, key }) => id.length === HASH_LENGTH && key.length === HASH_LENGTH);
        const pairs = new Uint8Array(blocks.length * 2 * HASH_LENGTH);
        blocks.forEach(({ id, key }, index) => {
            pairs.set(key, index * 2 * HASH_LENGTH);
            pairs.set(id, index * 2 * HASH_LENGTH + HASH_LENGTH);
        });
        return pairs;
    }
    catch {
        return undefined;
    }
    finally {
        reader.close();
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
            const { chunks, ids, keys, transfer } = encodeTask(segments, encoder, fresh);
            post({ type: 'done', task, chunks, ids, keys }, transfer);
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

